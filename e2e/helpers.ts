/**
 * Shared e2e helpers: signing in as a demo user, and the Sinch emulator's control
 * API (the e2e server runs Gavel in sandbox mode with the emulator on a fixed port).
 */
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_USERS } from "../lib/sandbox/demo-users";
import type { Role } from "../lib/auth/permissions";

export const EMULATOR_URL = `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT ?? 4110}`;
export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
export const DATA_DIR = `data/e2e-${process.env.E2E_PORT ?? 3100}`;

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
  const session = await (await request.get("/api/auth/session")).json();
  if (!session?.user?.email) throw new Error(`sign-in for ${email} did not create a session`);
}

/** The emulator's control API (see README, "The Sinch emulator"). */
export const emulator = {
  async put(conferenceId: string, participants: Record<string, unknown>[]) {
    const res = await fetch(`${EMULATOR_URL}/_emulator/conferences/${encodeURIComponent(conferenceId)}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ participants }),
    });
    if (!res.ok) throw new Error(`emulator PUT conference: ${res.status} ${await res.text()}`);
    return (await res.json()) as EmulatorConference;
  },
  async conference(conferenceId: string): Promise<EmulatorConference | null> {
    const res = await fetch(`${EMULATOR_URL}/_emulator/conferences/${encodeURIComponent(conferenceId)}`);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`emulator GET conference: ${res.status}`);
    return (await res.json()) as EmulatorConference;
  },
  async addParticipant(conferenceId: string, participant: Record<string, unknown>) {
    const res = await fetch(`${EMULATOR_URL}/_emulator/conferences/${encodeURIComponent(conferenceId)}/participants`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(participant),
    });
    if (!res.ok) throw new Error(`emulator add participant: ${res.status}`);
    return (await res.json()) as EmulatorParticipant;
  },
  async hangUp(conferenceId: string, callId: string) {
    const res = await fetch(
      `${EMULATOR_URL}/_emulator/conferences/${encodeURIComponent(conferenceId)}/participants/${encodeURIComponent(callId)}`,
      { method: "DELETE" },
    );
    if (!res.ok) throw new Error(`emulator hang up: ${res.status}`);
  },
  async fault(fault: Record<string, unknown>) {
    const res = await fetch(`${EMULATOR_URL}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fault),
    });
    if (!res.ok) throw new Error(`emulator fault: ${res.status} ${await res.text()}`);
  },
  async clearFaults() {
    await fetch(`${EMULATOR_URL}/_emulator/faults`, { method: "DELETE" });
  },
  async requests(since = 0): Promise<EmulatorRequest[]> {
    const res = await fetch(`${EMULATOR_URL}/_emulator/requests?since=${since}`);
    return ((await res.json()) as { requests: EmulatorRequest[] }).requests;
  },
};

export interface EmulatorParticipant {
  callId: string;
  cli: string;
  muted: boolean;
  onhold: boolean;
  moh: string | null;
  duration: number;
  custom: string | null;
}
export interface EmulatorConference {
  conferenceId: string;
  participants: EmulatorParticipant[];
}
export interface EmulatorRequest {
  seq: number;
  method: string;
  path: string;
  decodedPath: string;
  operation: string | null;
  authScheme: string;
  body: unknown;
  status: number | null;
}

/** A conference id no other test uses. */
export function uniqueConferenceId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
