/**
 * Sessions and sign-in under attack (issue 11, "Keep it closed: Sessions"), against the
 * production server: a rotating X-Forwarded-For gains nothing without trusted proxies;
 * a lock-out attempt does not stop the owner; a flood gets 429s; sign-out and a
 * password reset end a copied cookie within 5 s. Attacks come from their own loopback
 * addresses (e2e/sign-in-client.ts) so the limits they trip stay theirs.
 */
import type { APIRequestContext } from "@playwright/test";
import { request as playwrightRequest } from "@playwright/test";
import type { UserView } from "../lib/users/schemas";
import { expect, test } from "./fixtures";
import { BASE_URL, signInApi } from "./helpers";
import { Jar, hasSession, signInFrom } from "./sign-in-client";

/** The e2e server's defaults: GAVEL_LOGIN_MAX_FAILURES_PER_ADDRESS. */
const PER_ADDRESS = 20;

async function newUser(admin: APIRequestContext, prefix: string) {
  const email = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@gavel.test`;
  const password = "the owner's right password";
  const res = await admin.post("/api/users", {
    data: { email, name: prefix, role: "moderator", password },
    headers: { origin: BASE_URL },
  });
  expect(res.status()).toBe(200);
  const { user } = (await res.json()) as { user: UserView };
  return { email, password, id: user.id };
}

test("a rotating X-Forwarded-For without trusted proxies gains nothing: 60 guesses are throttled like one address", async () => {
  test.setTimeout(180_000);
  const from = "127.0.0.21";
  const statuses: number[] = [];
  for (let i = 0; i < 60; i++) {
    const res = await signInFrom(from, new Jar(), `nobody-${i}-${Date.now()}@gavel.test`, "a guess", {
      "x-forwarded-for": `198.51.100.${i + 1}`,
    });
    statuses.push(res.status);
    if (res.status === 429) expect(Number(res.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  }
  const checked = statuses.filter((s) => s !== 429).length;
  expect(statuses.every((s) => s < 500)).toBe(true);
  expect(checked).toBeLessThanOrEqual(PER_ADDRESS);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(60 - PER_ADDRESS);
});

test("a lock-out attempt does not stop the owner", async ({ apiAs }) => {
  test.setTimeout(180_000);
  const owner = await newUser(await apiAs("admin"), "owner");
  // The owner has signed in on this browser before: it holds the device cookie.
  const ownerJar = new Jar();
  expect((await signInFrom("127.0.0.22", ownerJar, owner.email, owner.password)).status).toBe(200);
  expect(await hasSession("127.0.0.22", ownerJar)).toBe(true);
  ownerJar.cookies.forEach((_, name) => {
    if (name.includes("session-token")) ownerJar.cookies.delete(name);
  });

  // Attackers guess from ten addresses, five wrong passwords each, rotating X-Forwarded-For too.
  for (let a = 30; a < 40; a++) {
    for (let i = 0; i < 5; i++) {
      const res = await signInFrom(`127.0.0.${a}`, new Jar(), owner.email, `wrong ${a}.${i}`, {
        "x-forwarded-for": `203.0.113.${a * 5 + i}`,
      });
      expect(res.status).toBeLessThan(500);
    }
  }
  // Strangers are now slowed down on this account...
  const stranger = await signInFrom("127.0.0.40", new Jar(), owner.email, "wrong again");
  expect(stranger.status).toBe(429);
  expect(Number(stranger.headers["retry-after"])).toBeGreaterThanOrEqual(1);

  // ... but the owner, on their browser, signs in at once with the right password,
  // even from an address the attackers used.
  const res = await signInFrom("127.0.0.30", ownerJar, owner.email, owner.password);
  expect(res.status).toBe(200);
  expect(await hasSession("127.0.0.30", ownerJar)).toBe(true);
});

test("a sign-in flood gets 429s with Retry-After", async () => {
  test.setTimeout(120_000);
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      signInFrom("127.0.0.50", new Jar(), `flood-${i}-${Date.now()}@gavel.test`, "flood"),
    ),
  );
  const throttled = answers.filter((a) => a.status === 429);
  expect(answers.every((a) => a.status < 500)).toBe(true);
  expect(throttled.length).toBeGreaterThan(0);
  for (const a of throttled) expect(Number(a.headers["retry-after"])).toBeGreaterThanOrEqual(1);
});

async function signedInPair(email: string, password: string) {
  const original = await playwrightRequest.newContext({ baseURL: BASE_URL });
  await signInApi(original, email, password);
  // The copy: another client holding the same session cookie.
  const copy = await playwrightRequest.newContext({ baseURL: BASE_URL, storageState: await original.storageState() });
  expect((await copy.get("/api/conferences")).status()).toBe(200);
  return { original, copy };
}

/** Milliseconds until the copied cookie is refused (401), polling; fails after 15 s. */
async function msUntilRefused(copy: APIRequestContext, since: number): Promise<number> {
  await expect
    .poll(async () => (await copy.get("/api/conferences")).status(), { timeout: 15_000, intervals: [250] })
    .toBe(401);
  return Date.now() - since;
}

test("signing out ends a copied session cookie within 5 seconds", async ({ apiAs }) => {
  const user = await newUser(await apiAs("admin"), "signout");
  const { original, copy } = await signedInPair(user.email, user.password);
  // Another browser of the same person, signed in before the sign-out.
  const other = await playwrightRequest.newContext({ baseURL: BASE_URL });
  await signInApi(other, user.email, user.password);
  const { csrfToken } = (await (await original.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const out = await original.post("/api/auth/signout", {
    form: { csrfToken, json: "true" },
    headers: { origin: BASE_URL },
    maxRedirects: 0,
  });
  expect(out.status()).toBeLessThan(400);
  const since = Date.now();
  expect(await msUntilRefused(copy, since)).toBeLessThanOrEqual(5000);
  // Signing out on one browser does not sign out the others.
  expect((await other.get("/api/conferences")).status()).toBe(200);
});

test("a password reset ends a copied session cookie, and so does sign out everywhere", async ({ apiAs }) => {
  const admin = await apiAs("admin");
  const user = await newUser(admin, "reset");
  const first = await signedInPair(user.email, user.password);
  const reset = await admin.post(`/api/users/${user.id}/password`, {
    data: { password: "generate" },
    headers: { origin: BASE_URL },
  });
  expect(reset.status()).toBe(200);
  const { generatedPassword } = (await reset.json()) as { generatedPassword: string };
  expect(await msUntilRefused(first.copy, Date.now())).toBeLessThanOrEqual(5000);
  expect((await first.original.get("/api/conferences")).status()).toBe(401);

  const second = await signedInPair(user.email, generatedPassword);
  const everywhere = await second.original.post("/api/session/end-all", { headers: { origin: BASE_URL } });
  expect(everywhere.status()).toBe(200);
  expect(await msUntilRefused(second.copy, Date.now())).toBeLessThanOrEqual(5000);
});
