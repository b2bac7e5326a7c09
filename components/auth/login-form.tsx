"use client";
import { signIn } from "next-auth/react";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { safeReturnPath } from "@/lib/auth/return-path";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";

const ERROR_MESSAGES: Record<string, string> = {
  NotProvisioned: "Your single sign-on account has no Gavel access. Ask an admin to add your email.",
  AccessDenied: "Your single sign-on account has no Gavel access. Ask an admin to add your email.",
  SessionRequired: "Sign in to continue.",
};

export function LoginForm({
  demoUsers,
  sso,
}: {
  demoUsers: { email: string; name: string; role: Role; password: string }[];
  sso: { name: string } | null;
}) {
  const params = useSearchParams();
  const returnTo = safeReturnPath(
    params.get("callbackUrl"),
    typeof window === "undefined" ? undefined : window.location.origin,
  );
  const initialError = params.get("error");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(
    initialError ? (ERROR_MESSAGES[initialError] ?? "Sign-in failed. Try again.") : null,
  );
  const [busy, setBusy] = useState(false);

  async function submit(creds: { email: string; password: string }) {
    setBusy(true);
    setError(null);
    const attempt = () => signIn("credentials", { ...creds, redirect: false, callbackUrl: returnTo });
    let result = await attempt();
    // On a first visit, next-auth's own requests race to set the CSRF cookie, and the
    // token sent can lose: the server then answers "ok" with a URL ending `?csrf=true`
    // and sets no session. By now the cookie has settled, so once more is enough.
    if (refusedCsrf(result)) result = await attempt();
    if (refusedCsrf(result)) {
      setBusy(false);
      setError("Sign-in was refused because this page's security token expired. Reload the page and try again.");
      return;
    }
    if (!result || result.error) {
      setBusy(false);
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Sign-in failed. Try again.");
      return;
    }
    // A full navigation, so the server-rendered shell picks up the new session.
    window.location.assign(returnTo);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void submit({ email, password });
  }

  return (
    <div className="w-full max-w-sm">
      <div className="mb-6 text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Gavel</h1>
        {params.get("expired") ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            Your session ended. Sign in to pick up where you were.
          </p>
        ) : null}
      </div>
      <form
        onSubmit={onSubmit}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        aria-describedby={error ? "login-error" : undefined}
      >
        <div className="space-y-1.5">
          <Label htmlFor="email">Email</Label>
          <Input
            id="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="password">Password</Label>
          <Input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <FieldError id="login-error">{error}</FieldError>
        <Button type="submit" variant="primary" className="w-full" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
        {sso ? (
          <Button className="w-full" disabled={busy} onClick={() => void signIn("oidc", { callbackUrl: returnTo })}>
            Sign in with {sso.name}
          </Button>
        ) : null}
      </form>
      {demoUsers.length > 0 ? (
        <section
          aria-labelledby="demo-heading"
          className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950/40"
        >
          <h2 id="demo-heading" className="text-sm font-semibold text-amber-900 dark:text-amber-200">
            Sandbox demo accounts
          </h2>
          <ul className="mt-3 space-y-2">
            {demoUsers.map((u) => (
              <li key={u.email} className="flex items-center justify-between gap-3">
                <div className="min-w-0 text-xs text-amber-900 dark:text-amber-100">
                  <div className="font-medium">{ROLE_LABELS[u.role]}</div>
                  <div className="font-mono break-all">{u.email}</div>
                  <div className="font-mono break-all">
                    <span className="sr-only">password </span>
                    {u.password}
                  </div>
                </div>
                <Button size="sm" disabled={busy} onClick={() => void submit({ email: u.email, password: u.password })}>
                  Sign in as {ROLE_LABELS[u.role].toLowerCase()}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** next-auth v4 reports a CSRF refusal as success with `?csrf=true` on the URL. */
function refusedCsrf(result: { ok: boolean; url: string | null } | undefined): boolean {
  if (!result?.ok || !result.url) return false;
  try {
    return new URL(result.url, window.location.origin).searchParams.has("csrf");
  } catch {
    return false;
  }
}
