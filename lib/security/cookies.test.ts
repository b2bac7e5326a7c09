/**
 * With an https NEXTAUTH_URL, signing in sets the session cookie as the issue asks
 * (finding 11's "Headers and cookies" test): `__Secure-` prefixed, HttpOnly,
 * SameSite=Lax, Secure. Runs next-auth's own handler with Gavel's authOptions()
 * through the real credentials flow (CSRF token, then the callback), against a
 * fresh SQLite database. (Test code: sets process.env before loading modules.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
interface SetCookie {
  name: string;
  value: string;
  options: Record<string, unknown>;
}
type Handler = (params: {
  req: Record<string, unknown>;
  options: unknown;
}) => Promise<{ body?: { csrfToken?: string }; cookies?: SetCookie[] }>;

// next-auth's core handler (what its route handler calls) is not in its package
// exports: loaded by file path, typed here with what the test reads.
const { AuthHandler } = createRequire(import.meta.url)(
  path.join(process.cwd(), "node_modules/next-auth/core/index.js"),
) as { AuthHandler: Handler };

const ORIGIN = "https://gavel.example.com";
let dataDir: string;
let closeDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "gavel-cookies-"));
  Object.assign(process.env, {
    NEXTAUTH_URL: ORIGIN,
    NEXTAUTH_SECRET: "cookie-test-secret-that-is-long-enough-0123456789",
    DATABASE_URL: "",
    SINCH_APPLICATION_KEY: "",
    SINCH_APPLICATION_SECRET: "",
    GAVEL_DATA_DIR: dataDir,
  });
  (await import("../config/env")).resetConfigForTests();
  const { db } = await import("../db");
  closeDb = (await import("../db")).closeDb;
  const { createUser } = await import("../db/users");
  await createUser(await db(), {
    email: "cookie@gavel.test",
    name: "Cookie",
    role: "admin",
    password: "correct horse battery staple",
  });
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

afterAll(async () => {
  await closeDb?.();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the session cookie under https", () => {
  it("is __Secure-, HttpOnly, SameSite=Lax and Secure", async () => {
    const { authOptions } = await import("../auth/server/options");
    const options = authOptions();
    const csrf = await AuthHandler({
      req: { action: "csrf", method: "GET", headers: { host: "gavel.example.com", "x-forwarded-proto": "https" } },
      options,
    });
    const csrfCookie = csrf.cookies?.find((c) => c.name.endsWith("next-auth.csrf-token"));
    expect(csrfCookie?.name).toBe("__Host-next-auth.csrf-token");
    const signIn = await AuthHandler({
      req: {
        action: "callback",
        providerId: "credentials",
        method: "POST",
        headers: { host: "gavel.example.com", "x-forwarded-proto": "https" },
        cookies: { [csrfCookie!.name]: csrfCookie!.value },
        body: {
          csrfToken: csrf.body?.csrfToken,
          email: "cookie@gavel.test",
          password: "correct horse battery staple",
          json: "true",
        },
      },
      options,
    });
    const session = signIn.cookies?.find((c) => c.name.includes("session-token"));
    expect(session, JSON.stringify(signIn)).toBeDefined();
    expect(session!.name).toBe("__Secure-next-auth.session-token");
    expect(session!.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
    for (const c of signIn.cookies ?? []) expect(c.options.secure, c.name).toBe(true);
  });
});
