import type { Metadata } from "next";
import { Suspense } from "react";
import { config } from "@/lib/config/env";
import { DEMO_USERS } from "@/lib/sandbox/demo-users";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default function LoginPage() {
  const cfg = config();
  return (
    <main className="flex min-h-[calc(100vh-2rem)] items-center justify-center px-4 py-10">
      <Suspense>
        <LoginForm
          demoUsers={
            cfg.sandbox ? DEMO_USERS.map(({ email, name, role, password }) => ({ email, name, role, password })) : []
          }
          sso={cfg.oidcEnabled ? { name: cfg.OIDC_NAME } : null}
        />
      </Suspense>
    </main>
  );
}
