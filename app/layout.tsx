import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { config } from "@/lib/config/env";
import { NONCE_HEADER } from "@/lib/security/headers";
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

// Every page renders per request: its scripts carry that request's nonce (proxy.ts).
export default async function RootLayout({ children }: { children: ReactNode }) {
  const sandbox = config().sandbox;
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen">
        {sandbox ? <SandboxBanner /> : null}
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
