/**
 * The audit API against the real Sinch client and the emulator over HTTP, on each
 * database engine: pending before the request leaves, unknown when Sinch answers
 * past the timeout, failed when it refuses, a history that keeps the first belief,
 * and recovery of entries a crash left pending.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../sinch/emulator";
import { SinchClient } from "../../sinch/server/client";
import { engines, type TestTarget } from "../../testing/db-engines";
import { releaseProcessDb, useProcessDb } from "../../testing/process-db";
import type { GavelDb } from "../../db";
import { historyOf } from "../../db/audit-history";
import {
  audited,
  beginAudit,
  listUnresolvedAudits,
  OutcomeUnknownError,
  recoverInterruptedAudits,
  resolveAudit,
  type AuditContext,
} from "./record";

const KEY = "5A7D3C1E-0B2F-4E6A-9C8D-1F2E3D4C5B6A";
const SECRET = "c2VjcmV0LWZvci1hdWRpdC10ZXN0cw==";
const TIMEOUT_MS = 400;

let emu: RunningEmulator;
let client: SinchClient;
let n = 0;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET });
  client = new SinchClient({ applicationKey: KEY, applicationSecret: SECRET, baseUrl: emu.url, timeoutMs: TIMEOUT_MS });
});
afterAll(async () => {
  await emu?.close();
});

function ctx(): AuditContext {
  return {
    actor: { id: "u-mod", email: "mod@gavel.test", role: "moderator" },
    requestId: `rec-${n++}`,
    clientAddress: "10.0.0.1",
  };
}

async function rowOf(db: GavelDb, requestId: string) {
  return db.kysely.selectFrom("audit_log").selectAll().where("request_id", "=", requestId).executeTakeFirst();
}

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("the audit API", () => {
    let t: TestTarget;
    let db: GavelDb;
    let callId: string;
    const conferenceId = `audit-${engine.name}`;

    beforeAll(async () => {
      t = await engine.fresh();
      db = await useProcessDb(t);
    });
    afterAll(async () => {
      await releaseProcessDb();
      await t?.dispose();
    });
    beforeEach(() => {
      emu.reset();
      const room = emu.state.putRoom(conferenceId, [{ cli: "+46701234567" }]);
      callId = room.participants[0]!.callId;
    });

    const mute = (c: AuditContext) =>
      audited(c, { action: "participant.mute", conferenceId, targetCallId: callId }, (sinch) =>
        client.manageParticipant(conferenceId, callId, { command: "mute" }, sinch),
      );

    it("writes the entry as pending before the request reaches Sinch, then records unknown on a timeout", async () => {
      emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "hang" } });
      const c = ctx();
      const since = emu.requests.since(0).at(-1)?.seq ?? 0;
      const running = mute(c).then(
        () => "resolved" as const,
        (e: unknown) => e,
      );
      // While the emulator holds the request, the entry is already there, pending.
      await expect
        .poll(() => emu.requests.since(since).filter((r) => r.operation === "manageParticipant").length)
        .toBe(1);
      expect((await rowOf(db, c.requestId))?.outcome).toBe("pending");

      const e = await running;
      expect(e).toBeInstanceOf(OutcomeUnknownError);
      const unknown = e as OutcomeUnknownError;
      expect(unknown.requestId).toBe(c.requestId);
      const row = await rowOf(db, c.requestId);
      expect(row?.id).toBe(unknown.auditId);
      expect(row?.outcome).toBe("unknown");
      expect(row?.error_message).toContain(`${TIMEOUT_MS} ms`);
    });

    it("records unknown when Sinch carries the command out but answers past the timeout", async () => {
      emu.faults.add({
        match: { operation: "manageParticipant" },
        count: 1,
        fault: { type: "lateAnswer", ms: TIMEOUT_MS * 3 },
      });
      const c = ctx();
      await expect(mute(c)).rejects.toBeInstanceOf(OutcomeUnknownError);
      expect((await rowOf(db, c.requestId))?.outcome).toBe("unknown");
      // Sinch did it all the same: exactly what reconciliation will find.
      expect(emu.state.getRoomView(conferenceId)?.participants[0]?.muted).toBe(true);
      const unresolved = await listUnresolvedAudits();
      expect(unresolved.map((u) => u.requestId)).toContain(c.requestId);
    });

    it("records failed, with Sinch's status and errorCode, when Sinch answers 503", async () => {
      emu.faults.add({
        match: { operation: "manageParticipant" },
        count: 1,
        fault: { type: "status", status: 503, errorCode: 50300, message: "Service unavailable" },
      });
      const c = ctx();
      const e: unknown = await mute(c).catch((err: unknown) => err);
      expect(e).not.toBeInstanceOf(OutcomeUnknownError);
      const row = await rowOf(db, c.requestId);
      expect(row?.outcome).toBe("failed");
      expect(row?.http_status).toBe(503);
      expect(row?.sinch_error_code).toBe(50300);
    });

    it("records succeeded when Sinch confirms", async () => {
      const c = ctx();
      await mute(c);
      expect((await rowOf(db, c.requestId))?.outcome).toBe("succeeded");
    });

    it("resolves an unknown entry and keeps what was first believed in its history", async () => {
      emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "hang" } });
      const c = ctx();
      const e = (await mute(c).catch((err: unknown) => err)) as OutcomeUnknownError;
      const at = Date.UTC(2026, 10, 28, 12, 3, 4);
      await resolveAudit(e.auditId, "succeeded", { by: "reconciliation", note: "seen muted in Sinch's list", at });
      // A second decision does not overwrite the first.
      await resolveAudit(e.auditId, "failed", { by: "reconciliation", note: "too late" });
      expect((await rowOf(db, c.requestId))?.outcome).toBe("succeeded");
      expect((await historyOf(db, [e.auditId])).get(e.auditId)).toEqual([
        { at, from: "unknown", to: "succeeded", by: "reconciliation", note: "seen muted in Sinch's list" },
      ]);
      expect((await listUnresolvedAudits()).map((u) => u.auditId)).not.toContain(e.auditId);
    });

    it("marks entries a crash left pending as interrupted, with history, and lists them for reconciliation", async () => {
      const c = ctx();
      // A bulk summary written at the start of a bulk, never completed: the process died.
      const handle = await beginAudit(c, {
        action: "bulk.kick",
        conferenceId,
        params: { targets: [callId] },
      });
      expect((await rowOf(db, c.requestId))?.outcome).toBe("pending");
      expect(await recoverInterruptedAudits(1_000)).toBeGreaterThanOrEqual(1);
      expect((await rowOf(db, c.requestId))?.outcome).toBe("interrupted");
      expect((await historyOf(db, [handle.id])).get(handle.id)).toEqual([
        { at: 1_000, from: "pending", to: "interrupted", by: "restart", note: expect.any(String) as string },
      ]);
      const listed = (await listUnresolvedAudits()).find((u) => u.auditId === handle.id);
      expect(listed).toMatchObject({ outcome: "interrupted", action: "bulk.kick", params: { targets: [callId] } });
      // Nothing pending is left, so a second start finds nothing.
      expect(await recoverInterruptedAudits()).toBe(0);

      // A late completion from a process that was still alive wins, and the history says so.
      await handle.complete({
        outcome: "succeeded",
        httpStatus: null,
        sinchErrorCode: null,
        sinchReference: null,
        errorMessage: null,
        latencyMs: null,
        params: { targets: [callId], succeeded: 1 },
      });
      const row = await rowOf(db, c.requestId);
      expect(row?.outcome).toBe("succeeded");
      expect(JSON.parse(row?.params ?? "null")).toEqual({ targets: [callId], succeeded: 1 });
      expect((await historyOf(db, [handle.id])).get(handle.id)?.map((h) => `${h.from}→${h.to}`)).toEqual([
        "pending→interrupted",
        "interrupted→succeeded",
      ]);
    });

    it("several instances: recovery with a grace leaves an entry another instance may still be sending pending", async () => {
      const c = ctx();
      const handle = await beginAudit(c, { action: "conference.kick_all", conferenceId });
      const written = Date.now();
      // Younger than the grace: a living instance may still complete it.
      await recoverInterruptedAudits(written + 5_000, 30_000);
      expect((await rowOf(db, c.requestId))?.outcome).toBe("pending");
      // Older than any command can be in flight: its instance died.
      expect(await recoverInterruptedAudits(written + 31_000, 30_000)).toBeGreaterThanOrEqual(1);
      expect((await rowOf(db, c.requestId))?.outcome).toBe("interrupted");
      expect((await historyOf(db, [handle.id])).get(handle.id)?.map((h) => h.to)).toEqual(["interrupted"]);
    });
  });
});
