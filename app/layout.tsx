import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { config } from "@/lib/config/env";
import { SandboxBanner } from "@/components/shell/sandbox-banner";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Gavel", template: "%s · Gavel" },
  description: "Moderate live phone conferences on Sinch",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Applied before first paint so a dark-theme user never sees a white flash.
const themeScript = `(function(){try{var t=localStorage.getItem("gavel-theme")||"system";var d=t==="dark"||(t==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);}catch(e){}})();`;

export default function RootLayout({ children }: { children: ReactNode }) {
  const sandbox = config().sandbox;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen">
        {sandbox ? <SandboxBanner /> : null}
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
