/**
 * Acceptance: 1,000 concurrent moderation actions, some failing at Sinch, leave
 * exactly 1,000 audit entries with the right outcomes, on each database engine.
 * Each action goes through the same server function the PATCH route calls
 * (manageParticipant), the real Sinch client and real HTTP to the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../sinch/emulator";
import { engines, type TestTarget } from "../../testing/db-engines";
import { releaseProcessDb, useProcessDb } from "../../testing/process-db";
import { manageParticipant } from "../../conferences/server/commands";
import { invalidateLive, liveSettled } from "../../conferences/server/live";
import type { GavelDb } from "../../db";
import { iterateAudit } from "../../db/audit";
import type { AuditLogTable } from "../../db/schema";
import type { Selectable } from "kysely";
import type { AuditContext } from "./record";

const KEY = "5A7D3C1E-0B2F-4E6A-9C8D-1F2E3D4C5B6A";
const SECRET = "c2VjcmV0LWZvci1hdWRpdC10ZXN0cw==";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const PARTICIPANTS = 100;
const ACTIONS_EACH = 9; // 900 actions on real participants ...
const GHOSTS = 100; // ... and 100 on callIds Sinch does not know: 1,000 in all.
const FAULTY = 20; // participants whose commands Sinch answers 503

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET });
});
afterAll(async () => {
  await emu?.close();
});

interface Planned {
  ctx: AuditContext;
  callId: string;
  command: "mute" | "unmute";
  expect: { outcome: "succeeded" } | { outcome: "failed"; status: number; errorCode: number };
}

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("1,000 concurrent actions", () => {
    let t: TestTarget;
    let db: GavelDb;
    beforeAll(async () => {
      t = await engine.fresh();
      db = await useProcessDb(t, {
        SINCH_APPLICATION_KEY: KEY,
        SINCH_APPLICATION_SECRET: SECRET,
        SINCH_BASE_URL: emu.url,
        SINCH_AUTH: "signed",
        // The emulator shares this process's event loop: on a busy 2-core machine 1,000
        // requests at once can take tens of seconds, which must not turn into timeouts.
        SINCH_TIMEOUT_MS: "120000",
      });
    });
    afterAll(async () => {
      // The polls' bookkeeping (attendance, the conference record) runs after their
      // answer: let it finish before the database goes.
      await liveSettled();
      await releaseProcessDb();
      await t?.dispose();
    });

    it("leave exactly 1,000 audit entries with the right outcomes, Sinch's errorCode and reference", async () => {
      emu.reset();
      const conferenceId = `load-${engine.name}`;
      invalidateLive(conferenceId);
      const room = emu.state.putRoom(
        conferenceId,
        Array.from({ length: PARTICIPANTS }, (_, i) => ({ cli: `+4670${String(1_000_000 + i)}` })),
      );
      const callIds = room.participants.map((p) => p.callId);
      expect(callIds).toHaveLength(PARTICIPANTS);
      const faulty = new Set(callIds.slice(0, FAULTY));
      for (const callId of faulty) {
        emu.faults.add({
          match: { operation: "manageParticipant", path: callId },
          count: ACTIONS_EACH,
          fault: { type: "status", status: 503, errorCode: 50300, message: "Service unavailable" },
        });
      }

      const plan: Planned[] = [];
      let n = 0;
      const ctx = (): AuditContext => ({
        actor: { id: "u-mod", email: "Mod@Gavel.test", role: "moderator" },
        requestId: `load-${engine.name}-${n++}`,
        clientAddress: "10.1.2.3",
      });
      for (const callId of callIds) {
        for (let k = 0; k < ACTIONS_EACH; k++) {
          plan.push({
            ctx: ctx(),
            callId,
            command: k % 2 === 0 ? "mute" : "unmute",
            expect: faulty.has(callId)
              ? { outcome: "failed", status: 503, errorCode: 50300 }
              : { outcome: "succeeded" },
          });
        }
      }
      for (let g = 0; g < GHOSTS; g++) {
        plan.push({
          ctx: ctx(),
          callId: `ghost-${g}`,
          command: "mute",
          expect: { outcome: "failed", status: 404, errorCode: 40400 },
        });
      }
      expect(plan).toHaveLength(1000);
      // Interleave successes and failures.
      plan.sort(() => Math.random() - 0.5);

      const settled = await Promise.allSettled(
        plan.map((p) => manageParticipant(p.ctx, conferenceId, p.callId, { command: p.command })),
      );
      // Each action failed exactly when it was meant to (a fault or an unknown callId);
      // a surprise names the action and why it went the way it did.
      const surprises = settled.flatMap((s, i) => {
        const p = plan[i]!;
        const got = s.status === "fulfilled" ? "succeeded" : "failed";
        if (got === p.expect.outcome) return [];
        const why = s.status === "rejected" ? describeError(s.reason) : "it succeeded";
        return [`${p.ctx.requestId} ${p.command} ${p.callId}: expected ${p.expect.outcome}, ${why}`];
      });
      expect(surprises).toEqual([]);

      const rows: Selectable<AuditLogTable>[] = [];
      for await (const page of iterateAudit(db, {}, 500)) rows.push(...page);
      expect(rows).toHaveLength(1000);
      const byRequest = new Map(rows.map((r) => [r.request_id, r]));
      expect(byRequest.size).toBe(1000);

      const numbers = new Map(room.participants.map((p) => [p.callId, p.cli]));
      for (const p of plan) {
        const r = byRequest.get(p.ctx.requestId);
        expect(r, p.ctx.requestId).toBeDefined();
        if (!r) continue;
        expect(r).toMatchObject({
          action: p.command === "mute" ? "participant.mute" : "participant.unmute",
          conference_id: conferenceId,
          target_call_id: p.callId,
          actor_email: "mod@gavel.test",
          actor_role: "moderator",
          actor_id: "u-mod",
          client_address: "10.1.2.3",
          outcome: p.expect.outcome,
        });
        expect(r.latency_ms).not.toBeNull();
        if (p.expect.outcome === "succeeded") {
          expect(r.http_status).toBeGreaterThanOrEqual(200);
          expect(r.http_status).toBeLessThan(300);
          expect(r.sinch_error_code).toBeNull();
          expect(r.target_number).toBe(numbers.get(p.callId));
        } else {
          expect(r.http_status).toBe(p.expect.status);
          expect(r.sinch_error_code).toBe(p.expect.errorCode);
          expect(r.sinch_reference).toMatch(UUID);
          expect(r.error_message).toBeTruthy();
        }
      }
      const failed = rows.filter((r) => r.outcome === "failed").length;
      expect(failed).toBe(FAULTY * ACTIONS_EACH + GHOSTS);
      expect(rows.length - failed).toBe((PARTICIPANTS - FAULTY) * ACTIONS_EACH);
      // Every fault was used up by exactly the actions meant to hit it.
      expect(emu.faults.list()).toEqual([]);
    }, 300_000);
  });
});

function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause =
    e.cause instanceof Error
      ? ` (cause: ${e.cause.name}: ${e.cause.message}${e.cause.cause instanceof Error ? `; ${e.cause.cause.message}` : ""})`
      : "";
  return `${e.name}: ${e.message}${cause}`;
}
