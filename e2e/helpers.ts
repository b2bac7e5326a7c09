/**
 * Shared e2e helpers: where the e2e server and its emulator listen, signing in as
 * a demo user (through the form, or through next-auth's endpoint for API tests),
 * and the emulator's own typed control client (lib/sinch/emulator/testing), so
 * e2e and the emulator's tests drive the emulator the same way.
 */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_USERS } from "../lib/sandbox/demo-users";
import type { Role } from "../lib/auth/permissions";
import { ControlClient } from "../lib/sinch/emulator/testing/http";

export const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 4110}`;
export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
export const DATA_DIR = `data/e2e-${process.env.E2E_PORT ?? 3100}`;

/** The e2e server's embedded emulator (see README, "The Sinch emulator"). */
export const emulator = new ControlClient(EMULATOR_URL);

export function demoUser(role: Role) {
  const u = DEMO_USERS.find((d) => d.role === role);
  if (!u) throw new Error(`no demo user for ${role}`);
  return u;
}

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, role: Role, returnTo = "/"): Promise<void> {
  const u = demoUser(role);
  await page.goto(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 30_000 });
  await expect(page.getByTestId("signed-in-as")).toContainText(u.name, { timeout: 30_000 });
}

/**
 * Signs an API request context in with next-auth's credentials endpoint, so API
 * tests carry a real session cookie. Mutations need an Origin header (same-origin check).
 */
export async function signInApi(request: APIRequestContext, email: string, password: string): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    headers: { origin: BASE_URL },
    maxRedirects: 0,
  });
  if (res.status() >= 400) throw new Error(`sign-in for ${email} failed: ${res.status()}`);
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } } | null;
  if (!session?.user?.email) throw new Error(`sign-in for ${email} did not create a session`);
}

/** A conference id no other test uses. */
export function uniqueConferenceId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
