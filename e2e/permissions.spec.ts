/**
 * Every API route against anonymous, moderator, support and admin: 401, 403 or
 * success exactly as the roles table says, and a cross-origin mutation refused
 * with 403. The route list is read from app/api on disk, so a route with no row
 * in this table fails the test: a new route cannot slip through unguarded.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import type { Role } from "../lib/auth/permissions";
import type { PlaceCalloutResponse } from "../lib/callouts/contract";
import type { ErrorEnvelope } from "../lib/api/errors";
import type { CreatedApiToken } from "../lib/tokens/types";
import type { UserView } from "../lib/users/schemas";
import { expect, test } from "./fixtures";
import { BASE_URL, emulator, uniqueConferenceId } from "./helpers";

type Method = "GET" | "POST" | "PATCH" | "DELETE" | "PUT";
type Who = "anonymous" | Role;

interface Sample {
  path: string;
  body?: unknown;
}

interface Row {
  /** Roles that succeed; the others get 403 (anonymous always 401). "public" routes are next-auth's own. */
  allowed: readonly Role[] | "public";
  /** Builds a request that succeeds for an allowed role (fresh state per call). */
  sample?: (as: Who) => Promise<Sample>;
}

const ALL: readonly Role[] = ["moderator", "support", "admin"];
const CONTROL: readonly Role[] = ["moderator", "admin"];
const ADMIN: readonly Role[] = ["admin"];
const CALLOUT: readonly Role[] = ["support", "admin"];
/** directory:manage (lib/auth/permissions.ts): the same roles as CALLOUT. */
const DIRECTORY_MANAGE: readonly Role[] = ["support", "admin"];

async function roomWithOne(prefix: string) {
  const id = uniqueConferenceId(prefix);
  const room = await emulator.putRoom(id, [{ cli: "+46708168731" }, { cli: "+447700900123" }]);
  const callId = room.participants[0]?.callId;
  if (!callId) throw new Error("emulator returned no participant");
  return { id, callId };
}

let userSeq = 0;
async function throwawayUserId(admin: APIRequestContext): Promise<string> {
  const res = await admin.post("/api/users", {
    data: {
      email: `perm-${Date.now()}-${userSeq++}@gavel.test`,
      name: "Perm Test",
      role: "support",
      password: "generate",
    },
    headers: { origin: BASE_URL },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { user: UserView }).user.id;
}

let adminCtx: APIRequestContext;

/** A token of the role's own, made through its session, for a revoke sample. */
async function ownTokenId(role: Role): Promise<string> {
  const res = await contexts.get(role)!.post("/api/tokens", {
    data: { name: "Perm token", expiresInDays: 1 },
    headers: { origin: BASE_URL },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as CreatedApiToken).apiToken.id;
}

/** A contact made by an admin, with a number no other sample uses. */
let contactSeq = 0;
function directoryNumber(): string {
  return `+1303${String(200 + (Date.now() % 800))}${String(contactSeq++ % 10_000).padStart(4, "0")}`;
}
async function throwawayContactId(): Promise<string> {
  const res = await adminCtx.post("/api/directory/contacts", {
    data: { name: "Perm Contact", numbers: [directoryNumber()] },
    headers: { origin: BASE_URL },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { contact: { id: string } }).contact.id;
}

/** Puts a number on a conference's invite list (as an admin). */
async function invite(conferenceId: string, number: string): Promise<void> {
  const res = await adminCtx.post(`/api/conferences/${enc(conferenceId)}/invites`, {
    data: { text: number },
    headers: { origin: BASE_URL },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** A callout that has ended (the emulator's failing number), so it may be retried. */
async function finishedCalloutId(): Promise<string> {
  const res = await adminCtx.post("/api/callouts", {
    data: {
      type: "conference",
      destination: { type: "number", endpoint: "+442079460500" },
      conferenceId: uniqueConferenceId("perm-retry"),
    },
    headers: { origin: BASE_URL },
  });
  expect(res.status()).toBe(200);
  const { id, callId } = ((await res.json()) as PlaceCalloutResponse).callout;
  // The failing number ends after a quarter of the ring time: wait until Sinch (the emulator)
  // says so, which is what Retry asks before it calls again.
  await expect.poll(async () => (callId ? (await emulator.call(callId))?.status : "no callId")).toBe("FINAL");
  return id;
}

const enc = encodeURIComponent;

/** "METHOD /api/pattern" → how it is guarded. */
const TABLE: Record<string, Row> = {
  "GET /api/auth/[...nextauth]": { allowed: "public" },
  "POST /api/auth/[...nextauth]": { allowed: "public" },
  // Paths no route serves: the envelope's 404 for anyone (e2e/front-door.spec.ts).
  "GET /api/[[...path]]": { allowed: "public" },
  "POST /api/[[...path]]": { allowed: "public" },
  "PUT /api/[[...path]]": { allowed: "public" },
  "PATCH /api/[[...path]]": { allowed: "public" },
  "DELETE /api/[[...path]]": { allowed: "public" },
  // Monitoring: no session. Health and readiness answer anyone (a load balancer); metrics
  // answer only its bearer token from configuration (lib/metrics/server/monitoring.routes.test.ts,
  // e2e/metrics.spec.ts).
  "GET /api/health": { allowed: "public" },
  "GET /api/ready": { allowed: "public" },
  "GET /api/metrics": { allowed: "public" },

  "GET /api/conferences": { allowed: ALL, sample: async () => ({ path: "/api/conferences" }) },
  "POST /api/conferences": {
    allowed: ALL,
    sample: async () => ({ path: "/api/conferences", body: { conferenceId: uniqueConferenceId("perm-open") } }),
  },
  // conference:forget: admins only; the conference is opened first, so there is a record to forget.
  "POST /api/conferences/[conferenceId]/forget": {
    allowed: ADMIN,
    sample: async () => {
      const id = uniqueConferenceId("perm-forget");
      await adminCtx.post("/api/conferences", { data: { conferenceId: id }, headers: { origin: BASE_URL } });
      return { path: `/api/conferences/${enc(id)}/forget` };
    },
  },
  "GET /api/conferences/[conferenceId]": {
    allowed: ALL,
    sample: async () => {
      const id = uniqueConferenceId("perm-get");
      await adminCtx.post("/api/conferences", { data: { conferenceId: id }, headers: { origin: BASE_URL } });
      return { path: `/api/conferences/${enc(id)}` };
    },
  },
  "PATCH /api/conferences/[conferenceId]": {
    allowed: ALL,
    sample: async () => ({ path: `/api/conferences/${enc(uniqueConferenceId("perm-pin"))}`, body: { pinned: true } }),
  },
  "DELETE /api/conferences/[conferenceId]": {
    allowed: ADMIN,
    sample: async () => ({ path: `/api/conferences/${enc((await roomWithOne("perm-end")).id)}` }),
  },
  "GET /api/conferences/[conferenceId]/participants": {
    allowed: ALL,
    sample: async () => ({ path: `/api/conferences/${enc((await roomWithOne("perm-live")).id)}/participants` }),
  },
  "PATCH /api/conferences/[conferenceId]/participants/[callId]": {
    allowed: CONTROL,
    sample: async () => {
      const { id, callId } = await roomWithOne("perm-mute");
      return { path: `/api/conferences/${enc(id)}/participants/${enc(callId)}`, body: { command: "mute" } };
    },
  },
  "DELETE /api/conferences/[conferenceId]/participants/[callId]": {
    allowed: CONTROL,
    sample: async () => {
      const { id, callId } = await roomWithOne("perm-kick");
      return { path: `/api/conferences/${enc(id)}/participants/${enc(callId)}` };
    },
  },
  "POST /api/conferences/[conferenceId]/bulk": {
    allowed: CONTROL,
    sample: async () => ({
      path: `/api/conferences/${enc((await roomWithOne("perm-bulk")).id)}/bulk`,
      body: { action: "mute", all: true },
    }),
  },

  // Room policies (policy:manage is CONTROL's roles); admit and mute-except-speakers are participant:control.
  "GET /api/conferences/[conferenceId]/policies": {
    allowed: ALL,
    sample: async () => ({ path: `/api/conferences/${enc(uniqueConferenceId("perm-policies"))}/policies` }),
  },
  "PATCH /api/conferences/[conferenceId]/policies": {
    allowed: CONTROL,
    sample: async () => ({
      path: `/api/conferences/${enc(uniqueConferenceId("perm-policy"))}/policies`,
      body: { muteOnEntry: false },
    }),
  },
  "PATCH /api/conferences/[conferenceId]/policies/speakers": {
    allowed: CONTROL,
    sample: async () => ({
      path: `/api/conferences/${enc(uniqueConferenceId("perm-speakers"))}/policies/speakers`,
      body: { speakers: [{ number: "+33612345678" }] },
    }),
  },
  "POST /api/conferences/[conferenceId]/waiting/[callId]": {
    allowed: CONTROL,
    sample: async () => {
      const { id, callId } = await roomWithOne("perm-admit");
      return { path: `/api/conferences/${enc(id)}/waiting/${enc(callId)}` };
    },
  },
  "POST /api/conferences/[conferenceId]/mute-except-speakers": {
    allowed: CONTROL,
    sample: async () => ({
      path: `/api/conferences/${enc((await roomWithOne("perm-mute-except")).id)}/mute-except-speakers`,
    }),
  },

  "GET /api/conferences/[conferenceId]/callouts": {
    allowed: ALL,
    sample: async () => ({ path: `/api/conferences/${enc(uniqueConferenceId("perm-ghosts"))}/callouts` }),
  },

  // invites:read is every role; invites:manage and invites:dial are support and admins.
  "GET /api/conferences/[conferenceId]/invites": {
    allowed: ALL,
    sample: async () => ({ path: `/api/conferences/${enc(uniqueConferenceId("perm-invites"))}/invites` }),
  },
  "POST /api/conferences/[conferenceId]/invites": {
    allowed: CALLOUT,
    sample: async () => ({
      path: `/api/conferences/${enc(uniqueConferenceId("perm-invite"))}/invites`,
      body: { text: directoryNumber() },
    }),
  },
  "DELETE /api/conferences/[conferenceId]/invites": {
    allowed: CALLOUT,
    sample: async () => {
      const id = uniqueConferenceId("perm-uninvite");
      const n = directoryNumber();
      await invite(id, n);
      return { path: `/api/conferences/${enc(id)}/invites?number=${enc(n)}` };
    },
  },
  "POST /api/conferences/[conferenceId]/invites/dial": {
    allowed: CALLOUT,
    sample: async () => {
      const id = uniqueConferenceId("perm-dial-missing");
      const n = directoryNumber();
      await invite(id, n);
      return { path: `/api/conferences/${enc(id)}/invites/dial`, body: { numbers: [n] } };
    },
  },

  "GET /api/callouts": { allowed: CALLOUT, sample: async () => ({ path: "/api/callouts?limit=5" }) },
  "POST /api/callouts": {
    allowed: CALLOUT,
    sample: async () => ({
      path: "/api/callouts",
      body: {
        type: "conference",
        destination: { type: "number", endpoint: "+12025550143" },
        conferenceId: uniqueConferenceId("perm-callout"),
      },
    }),
  },
  "POST /api/callouts/batch": {
    allowed: CALLOUT,
    sample: async () => ({
      path: "/api/callouts/batch",
      body: { conferenceId: uniqueConferenceId("perm-batch"), lines: [{ number: "+1 202 555 0143", label: "Perm" }] },
    }),
  },
  "POST /api/callouts/[calloutId]/retry": {
    allowed: CALLOUT,
    sample: async () => ({ path: `/api/callouts/${await finishedCalloutId()}/retry`, body: {} }),
  },
  "GET /api/callouts/settings": { allowed: CALLOUT, sample: async () => ({ path: "/api/callouts/settings" }) },

  "GET /api/conferences/[conferenceId]/timeline": {
    allowed: ALL,
    sample: async () => ({ path: `/api/conferences/${enc((await roomWithOne("perm-timeline")).id)}/timeline` }),
  },
  // attendance:read is moderators and admins (lib/auth/permissions.ts), the same roles as CONTROL.
  "GET /api/conferences/[conferenceId]/attendance.csv": {
    allowed: CONTROL,
    sample: async () => ({ path: `/api/conferences/${enc((await roomWithOne("perm-attendance")).id)}/attendance.csv` }),
  },
  // attendance:recent is every role (support dials people back from "Left recently").
  "GET /api/conferences/[conferenceId]/recent-leaves": {
    allowed: ALL,
    sample: async () => ({ path: `/api/conferences/${enc((await roomWithOne("perm-leaves")).id)}/recent-leaves` }),
  },
  "GET /api/audit": { allowed: ADMIN, sample: async () => ({ path: "/api/audit?limit=5" }) },
  "GET /api/audit/export": {
    allowed: ADMIN,
    sample: async () => ({ path: "/api/audit/export?action=conference.pin" }),
  },

  "GET /api/users": { allowed: ADMIN, sample: async () => ({ path: "/api/users" }) },
  "POST /api/users": {
    allowed: ADMIN,
    sample: async () => ({
      path: "/api/users",
      body: { email: `perm-new-${Date.now()}-${userSeq++}@gavel.test`, name: "New", role: "moderator" },
    }),
  },
  "PATCH /api/users/[userId]": {
    allowed: ADMIN,
    sample: async () => ({ path: `/api/users/${await throwawayUserId(adminCtx)}`, body: { role: "moderator" } }),
  },
  "POST /api/users/[userId]/password": {
    allowed: ADMIN,
    sample: async () => ({
      path: `/api/users/${await throwawayUserId(adminCtx)}/password`,
      body: { password: "generate" },
    }),
  },
  "POST /api/users/[userId]/end-sessions": {
    allowed: ADMIN,
    sample: async () => ({ path: `/api/users/${await throwawayUserId(adminCtx)}/end-sessions` }),
  },
  "GET /api/directory/contacts": { allowed: ALL, sample: async () => ({ path: "/api/directory/contacts?q=perm" }) },
  "POST /api/directory/contacts": {
    allowed: DIRECTORY_MANAGE,
    sample: async () => ({ path: "/api/directory/contacts", body: { name: "Perm New", numbers: [directoryNumber()] } }),
  },
  "GET /api/directory/contacts/[contactId]": {
    allowed: ALL,
    sample: async () => ({ path: `/api/directory/contacts/${await throwawayContactId()}` }),
  },
  "PATCH /api/directory/contacts/[contactId]": {
    allowed: DIRECTORY_MANAGE,
    sample: async () => ({
      path: `/api/directory/contacts/${await throwawayContactId()}`,
      body: { name: "Perm Edited", numbers: [directoryNumber()] },
    }),
  },
  "DELETE /api/directory/contacts/[contactId]": {
    allowed: DIRECTORY_MANAGE,
    sample: async () => ({ path: `/api/directory/contacts/${await throwawayContactId()}` }),
  },
  "POST /api/directory/import/preview": {
    allowed: DIRECTORY_MANAGE,
    sample: async () => ({ path: "/api/directory/import/preview", body: { text: `Perm,${directoryNumber()}` } }),
  },
  "POST /api/directory/import": {
    allowed: DIRECTORY_MANAGE,
    sample: async () => ({ path: "/api/directory/import", body: { text: `Perm Imported,${directoryNumber()}` } }),
  },
  "GET /api/directory/export": { allowed: ALL, sample: async () => ({ path: "/api/directory/export" }) },
  "GET /api/directory/lookup": {
    allowed: ALL,
    sample: async () => ({ path: `/api/directory/lookup?number=${encodeURIComponent(directoryNumber())}` }),
  },
  // directory:name-caller: moderators too, though they cannot otherwise change the directory.
  "POST /api/directory/name-number": {
    allowed: ALL,
    sample: async () => ({
      path: "/api/directory/name-number",
      body: { number: directoryNumber(), name: "Perm Named" },
    }),
  },

  // API tokens (issue 14): one's own for every role, anyone's for admins.
  "GET /api/tokens": { allowed: ALL, sample: async () => ({ path: "/api/tokens" }) },
  "GET /api/openapi.json": { allowed: ALL, sample: async () => ({ path: "/api/openapi.json" }) },
  "POST /api/tokens": {
    allowed: ALL,
    sample: async () => ({ path: "/api/tokens", body: { name: "Perm token", expiresInDays: 1 } }),
  },
  "DELETE /api/tokens/[tokenId]": {
    allowed: ALL,
    sample: async (as) => ({ path: `/api/tokens/${await ownTokenId(as === "anonymous" ? "admin" : as)}` }),
  },
  "GET /api/users/[userId]/tokens": {
    allowed: ADMIN,
    sample: async () => ({ path: `/api/users/${await throwawayUserId(adminCtx)}/tokens` }),
  },
  "POST /api/users/[userId]/tokens": {
    allowed: ADMIN,
    sample: async () => ({
      path: `/api/users/${await throwawayUserId(adminCtx)}/tokens`,
      body: { name: "Perm token", expiresInDays: 1 },
    }),
  },
  "DELETE /api/users/[userId]/tokens/[tokenId]": {
    allowed: ADMIN,
    sample: async () => {
      const userId = await throwawayUserId(adminCtx);
      const res = await adminCtx.post(`/api/users/${userId}/tokens`, {
        data: { name: "Perm token", expiresInDays: 1 },
        headers: { origin: BASE_URL },
      });
      expect(res.status()).toBe(200);
      return { path: `/api/users/${userId}/tokens/${((await res.json()) as CreatedApiToken).apiToken.id}` };
    },
  },

  // Every role may; no sample here, because it would end this spec's own sessions
  // (e2e/sessions.spec.ts calls it).
  "POST /api/session/end-all": { allowed: ALL },
};

/** Every route file under app/api and the methods it exports, as "METHOD /api/pattern". */
function discoverRoutes(): string[] {
  const root = path.join(process.cwd(), "app", "api");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts") {
        const src = readFileSync(full, "utf8");
        const pattern = "/" + path.relative(path.join(process.cwd(), "app"), dir).split(path.sep).join("/");
        const methods = new Set<string>();
        for (const m of src.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PATCH|DELETE|PUT)\b/g)) {
          methods.add(m[1]!);
        }
        for (const m of src.matchAll(/\bas\s+(GET|POST|PATCH|DELETE|PUT)\b/g)) methods.add(m[1]!);
        for (const method of methods) found.push(`${method} ${pattern}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

const contexts = new Map<Who, APIRequestContext>();

let anonymous: APIRequestContext;

test.beforeAll(async ({ apiAs, playwright }) => {
  anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
  contexts.set("anonymous", anonymous);
  for (const role of ALL) contexts.set(role, await apiAs(role));
  adminCtx = contexts.get("admin")!;
});

test.afterAll(async () => {
  await anonymous?.dispose();
});

async function send(ctx: APIRequestContext, method: Method, sample: Sample, origin = BASE_URL) {
  const go = () =>
    ctx.fetch(sample.path, {
      method,
      headers: method === "GET" ? {} : { origin },
      ...(sample.body !== undefined ? { data: sample.body } : {}),
    });
  try {
    return await go();
  } catch (e) {
    // Node's server may close an idle keep-alive socket just as a request is written on it;
    // no request reached the route, so sending it again on a new connection is safe.
    if (!String(e).includes("ECONNRESET")) throw e;
    return go();
  }
}

test("every API route has a row in the permissions table", () => {
  const routes = discoverRoutes();
  expect(routes.length).toBeGreaterThan(5);
  const missing = routes.filter((r) => !(r in TABLE));
  expect(missing, `routes with no row in e2e/permissions.spec.ts: ${missing.join(", ")}`).toEqual([]);
  const stale = Object.keys(TABLE).filter((r) => !routes.includes(r));
  expect(stale, `rows for routes that no longer exist: ${stale.join(", ")}`).toEqual([]);
});

for (const [key, row] of Object.entries(TABLE)) {
  if (row.allowed === "public" || !row.sample) continue;
  const [method] = key.split(" ") as [Method];
  const allowed = row.allowed;
  const sample = row.sample;

  test(`${key}: anonymous 401, ${ALL.map((r) => `${r} ${allowed.includes(r) ? "ok" : "403"}`).join(", ")}`, async () => {
    const anon = await send(contexts.get("anonymous")!, method, await sample("anonymous"));
    expect(anon.status(), `anonymous ${key}`).toBe(401);
    expect(((await anon.json()) as ErrorEnvelope).error.code).toBe("unauthenticated");

    for (const role of ALL) {
      const res = await send(contexts.get(role)!, method, await sample(role));
      if (allowed.includes(role)) {
        expect(res.status(), `${role} ${key}: ${await res.text()}`).toBeLessThan(300);
      } else {
        expect(res.status(), `${role} ${key}`).toBe(403);
        const body = (await res.json()) as ErrorEnvelope;
        expect(body.error.code).toBe("forbidden");
        expect(body.error.message).toMatch(/Only /);
      }
      expect(res.headers()["x-request-id"]).toBeTruthy();
    }
  });

  if (method !== "GET") {
    test(`${key}: a cross-origin request is refused with 403`, async () => {
      const admin = contexts.get("admin")!;
      const evil = await send(admin, method, await sample("admin"), "https://evil.example");
      expect(evil.status()).toBe(403);
      expect(((await evil.json()) as ErrorEnvelope).error.message).toMatch(/Cross-origin/);
      // No Origin and no Sec-Fetch-Site at all: refused too.
      const s = await sample("admin");
      const bare = await admin.fetch(s.path, { method, ...(s.body !== undefined ? { data: s.body } : {}) });
      expect(bare.status()).toBe(403);
    });
  }
}
