/**
 * Acceptance (issue 10, point 4): a SIGKILL of the server during a bulk kick of 100
 * loses no audit entry. Every kick the emulator received has an entry for its callId,
 * none is left pending after the restart, and the bulk has its summary entry.
 *
 * This spec runs a second Gavel of its own, from the e2e build (.next-e2e-<port>),
 * with its own data dir and its own emulator in this test process: the emulator must
 * outlive the server it watches, to tell what it received before the kill. The
 * server is started in its own process group (npm → launcher → next) so the whole
 * group can be killed at once, as a crash would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import net from "node:net";
import { test, expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { createDb } from "../lib/db";
import { createUser } from "../lib/db/users";
import { startEmulator, type RunningEmulator } from "../lib/sinch/emulator";
import type { AuditEntryView, AuditPage } from "../lib/audit/schemas";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const DIST_DIR = `.next-e2e-${E2E_PORT}`;
const DATA_DIR = `data/e2e-crash-${E2E_PORT}`;
const KEY = "6B8E4D2F-1C3A-4F7B-8D9E-2A3B4C5D6E7F";
const SECRET = randomBytes(16).toString("base64");
const PARTICIPANTS = 100;
const KILL_AFTER_KICKS = 40;
// This Gavel runs with credentials, not in sandbox mode: it has its own admin (demo
// accounts only ever exist in a sandbox database, and a real start refuses them).
const ADMIN = { email: "crash-admin@example.com", password: randomBytes(18).toString("base64url") };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface Gavel {
  url: string;
  process: ChildProcess;
  output: string[];
}

/** Starts Gavel (`npm start`) on this data dir, pointed at the test's emulator; resolves once it serves. */
async function startGavel(port: number, emulatorUrl: string): Promise<Gavel> {
  const url = `http://localhost:${port}`;
  const child = spawn("npm", ["start"], {
    detached: true, // its own process group, to kill the launcher and Next together
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: "crash-spec-secret-crash-spec-secret-0123",
      GAVEL_DATA_DIR: DATA_DIR,
      GAVEL_NEXT_DIST_DIR: DIST_DIR,
      DATABASE_URL: "",
      SINCH_APPLICATION_KEY: KEY,
      SINCH_APPLICATION_SECRET: SECRET,
      SINCH_BASE_URL: emulatorUrl,
      SINCH_AUTH: "signed",
      GAVEL_EMULATOR_SCENE: "off",
      // A bulk that takes long enough to be killed in the middle.
      GAVEL_BULK_CONCURRENCY: "4",
    },
  });
  const output: string[] = [];
  child.stdout?.on("data", (b: Buffer) => output.push(b.toString()));
  child.stderr?.on("data", (b: Buffer) => output.push(b.toString()));
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`Gavel exited (${child.exitCode}):\n${output.join("")}`);
        try {
          return (await fetch(`${url}/login`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 120_000, message: "the second Gavel serves /login" },
    )
    .toBe(200);
  return { url, process: child, output };
}

function killGroup(g: Gavel, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (g.process.exitCode !== null || g.process.signalCode !== null || g.process.pid === undefined) return resolve();
    g.process.once("exit", () => resolve());
    try {
      process.kill(-g.process.pid, signal);
    } catch {
      resolve();
    }
  });
}

async function signedIn(url: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL: url });
  const u = ADMIN;
  // next-auth's credentials flow, as e2e/helpers.ts signInApi does, with this server's origin.
  const csrf = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: u.email, password: u.password, json: "true" },
    headers: { origin: url },
    maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(400);
  return ctx;
}

async function auditOf(api: APIRequestContext, conferenceId: string): Promise<AuditEntryView[]> {
  const entries: AuditEntryView[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams({ conferenceId, limit: "500", ...(cursor ? { cursor } : {}) });
    const res = await api.get(`/api/audit?${q}`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as AuditPage;
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

test.describe("a crash during a bulk kick", () => {
  // One scenario (start, bulk, SIGKILL, restart) shared by the two checks below.
  test.describe.configure({ timeout: 300_000 });

  let emu: RunningEmulator;
  let gavel: Gavel | undefined;
  let api: APIRequestContext;
  let conferenceId: string;
  let received: string[];
  let restartedAt: number;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    rmSync(DATA_DIR, { recursive: true, force: true });
    emu = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET });
    // The admin, as an operator makes one (`npm run users -- add`), in the database this Gavel uses.
    const database = await createDb({ dataDir: DATA_DIR });
    try {
      await createUser(database, { email: ADMIN.email, name: "Crash Admin", role: "admin", password: ADMIN.password });
    } finally {
      await database.close();
    }
    const port = await freePort();
    gavel = await startGavel(port, emu.url);

    conferenceId = `crash-${Date.now().toString(36)}`;
    const room = emu.state.putRoom(
      conferenceId,
      Array.from({ length: PARTICIPANTS }, (_, i) => ({ cli: `+4670${String(2_000_000 + i)}` })),
    );
    // Sinch carries each kick out at once and answers 400 ms later: killed in between, Gavel never hears.
    emu.faults.add({
      match: { operation: "kickParticipant" },
      count: PARTICIPANTS,
      fault: { type: "lateAnswer", ms: 400 },
    });

    api = await signedIn(gavel.url);
    const seq = emu.requests.since(0).at(-1)?.seq ?? 0;
    const kicks = () =>
      emu.requests.since(seq).filter((r) => r.operation === "kickParticipant" && r.decodedPath.includes(conferenceId));
    // Not awaited: the server dies under it.
    const bulk = api
      .post(`/api/conferences/${encodeURIComponent(conferenceId)}/bulk`, {
        data: { action: "kick", callIds: room.participants.map((p) => p.callId) },
        headers: { origin: gavel.url },
        timeout: 120_000,
      })
      .catch(() => null);
    await expect.poll(() => kicks().length, { timeout: 60_000 }).toBeGreaterThanOrEqual(KILL_AFTER_KICKS);
    await killGroup(gavel, "SIGKILL");
    await bulk;
    await api.dispose();
    received = [...new Set(kicks().map((r) => decodeURIComponent(r.decodedPath.split("/").at(-1) ?? "")))];
    // Killed mid-bulk, not after it.
    expect(received.length).toBeGreaterThanOrEqual(KILL_AFTER_KICKS);
    expect(received.length).toBeLessThan(PARTICIPANTS);

    gavel = await startGavel(port, emu.url);
    // Once it serves, recovery has run and the reconciler has started.
    restartedAt = Date.now();
    api = await signedIn(gavel.url);
  });

  test.afterAll(async () => {
    await api?.dispose();
    if (gavel) await killGroup(gavel, "SIGTERM");
    await emu?.close();
    rmSync(DATA_DIR, { recursive: true, force: true });
  });

  test("after a restart, every kick Sinch received has an audit entry, none is pending, and the bulk has its summary", async () => {
    const entries = await auditOf(api, conferenceId);
    const kicks = entries.filter((e) => e.action === "participant.kick");
    const audited = new Set(kicks.map((e) => e.targetCallId));
    const missing = received.filter((callId) => !audited.has(callId));
    expect(missing, "kicks the emulator received without an audit entry").toEqual([]);
    // Recovery ran before the server served: nothing a crash left behind still claims to be in flight.
    expect(entries.filter((e) => e.outcome === "pending").map((e) => `${e.action} ${e.targetCallId ?? ""}`)).toEqual(
      [],
    );
    // Some kicks were in flight when the server died: they are interrupted (or decided since).
    expect(kicks.every((e) => ["succeeded", "failed", "unknown", "interrupted"].includes(e.outcome))).toBe(true);
    // The bulk's summary was written when it started, so it survives the crash.
    const summaries = entries.filter((e) => e.action === "bulk.kick");
    expect(summaries, "the bulk's summary entry").toHaveLength(1);
    expect(summaries[0]?.outcome).not.toBe("pending");
  });

  test("after a restart, reconciliation decides every interrupted kick within 15 s", async () => {
    await expect
      .poll(
        async () =>
          (await auditOf(api, conferenceId))
            .filter((e) => e.action === "participant.kick" && (e.outcome === "interrupted" || e.outcome === "unknown"))
            .map((e) => e.targetCallId),
        // Counted from the restarted server serving, not from this test's start.
        {
          timeout: Math.max(1_000, restartedAt + 15_000 - Date.now()),
          message: "kicks still undecided 15 s after the restart",
        },
      )
      .toEqual([]);
    // Each one the emulator received was carried out: reconciliation sees them gone.
    const kicks = (await auditOf(api, conferenceId)).filter((e) => e.action === "participant.kick");
    for (const callId of received) {
      expect(kicks.find((e) => e.targetCallId === callId)?.outcome, callId).toBe("succeeded");
    }
  });
});
