import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import type { AuditSelection } from "../vocabulary/audit";
import {
  decodeCursor,
  deleteAuditOlderThan,
  encodeCursor,
  findKick,
  insertAudit,
  insertAuditBatch,
  InvalidCursorError,
  iterateAudit,
  queryAudit,
  type NewAuditEntry,
} from "./audit";
import { changeAuditOutcome, historyOf } from "./audit-history";

const T0 = 1_767_225_600_000;
const ACTORS = ["ann@gavel.test", "bob@gavel.test", "cy@gavel.test", "dee@gavel.test"];
const CONFS = ["weekly-sync", "all-hands", "standup"];
const ACTIONS = ["participant.mute", "participant.kick", "conference.rename", "auth.sign_in"] as const;
const N = 5000;

function entry(i: number): NewAuditEntry {
  return {
    // Many equal timestamps (ten rows per millisecond) to exercise the id tie-break.
    at: T0 + Math.floor(i / 10),
    actorId: null,
    actorEmail: ACTORS[i % ACTORS.length]!,
    actorRole: "moderator",
    action: ACTIONS[i % ACTIONS.length]!,
    conferenceId: i % 7 === 0 ? null : CONFS[i % CONFS.length]!,
    targetCallId: `call-${i}`,
    targetNumber: "+46708168731",
    params: { i },
    outcome: i % 5 === 0 ? "failed" : "succeeded",
    httpStatus: i % 5 === 0 ? 503 : 204,
    sinchErrorCode: i % 5 === 0 ? 50300 : null,
    sinchReference: i % 5 === 0 ? randomUUID() : null,
    errorMessage: i % 5 === 0 ? "Sinch is unavailable" : null,
    latencyMs: 12,
    requestId: `req-${i}`,
    clientAddress: "10.0.0.1",
  };
}

const all = Array.from({ length: N }, (_, i) => entry(i));

/** What the filters should select, newest first, computed without the database. */
function expected(f: AuditSelection): number[] {
  return all
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => (f.from === undefined || e.at >= f.from) && (f.to === undefined || e.at <= f.to))
    .filter(({ e }) => !f.actor || e.actorEmail === f.actor.toLowerCase())
    .filter(({ e }) => !f.conferenceId || e.conferenceId === f.conferenceId)
    .filter(({ e }) => !f.action || e.action === f.action)
    .filter(({ e }) => !f.outcome || e.outcome === f.outcome)
    .filter(({ e }) => !f.requestId || e.requestId === f.requestId)
    .map(({ i }) => i);
}

const paramIndex = (r: { params: string | null }) => (JSON.parse(r.params ?? "{}") as { i: number }).i;

describe("cursors", () => {
  it("round-trip with their direction and refuse anything else", () => {
    expect(decodeCursor(encodeCursor(5, "a"))).toEqual({ at: 5, id: "a", direction: "older" });
    expect(decodeCursor(encodeCursor(5, "a", "newer"))).toEqual({ at: 5, id: "a", direction: "newer" });
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect(decodeCursor(Buffer.from('[1.5,"x"]').toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from('[1,"x","q"]').toString("base64url"))).toBeNull();
  });
});

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("audit trail queries", () => {
    const fresh = freshDbForSuite(engine, {
      // Shuffled, so insertion order says nothing about (at, id) order.
      setup: (db) =>
        insertAuditBatch(
          db,
          [...all].sort(() => Math.random() - 0.5),
        ),
      timeoutMs: 60_000,
    });

    /** Walks every older page; returns the entries' indexes in order. */
    async function walk(f: AuditSelection, limit: number): Promise<number[]> {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await queryAudit(fresh.db, { ...f, limit, cursor });
        seen.push(...page.rows.map(paramIndex));
        if (pages > 0) expect(page.prevCursor).not.toBeNull();
        else expect(page.prevCursor).toBeNull();
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      return seen;
    }

    const FILTERS: [string, AuditSelection][] = [
      ["no filter", {}],
      ["actor (any case)", { actor: "Bob@Gavel.test" }],
      ["conference", { conferenceId: "all-hands" }],
      ["action", { action: "participant.kick" }],
      ["outcome", { outcome: "failed" }],
      ["time range", { from: T0 + 100, to: T0 + 250 }],
      [
        "everything at once",
        { actor: "ann@gavel.test", action: "participant.mute", outcome: "failed", from: T0 + 20, to: T0 + 400 },
      ],
      ["request id", { requestId: "req-1234" }],
      ["nothing matches", { conferenceId: "nope" }],
    ];

    for (const [name, f] of FILTERS) {
      it(`${name}: pages newest first, no row skipped or repeated`, async () => {
        const want = expected(f);
        // Newest first on (at, id): check the timestamps, and exact membership.
        const got = await walk(f, 97);
        expect(got.length).toBe(want.length);
        expect(new Set(got).size).toBe(got.length);
        expect([...got].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
        const times = got.map((i) => all[i]!.at);
        expect(times).toEqual([...times].sort((a, b) => b - a));
      });
    }

    it("orders ties on the id and pages back newer to exactly the same pages", async () => {
      const f: AuditSelection = { outcome: "succeeded" };
      const older: { ids: string[]; prev: string | null }[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 6; i++) {
        const page = await queryAudit(fresh.db, { ...f, limit: 25, cursor });
        const ids = page.rows.map((r) => r.id);
        for (let k = 1; k < page.rows.length; k++) {
          const a = page.rows[k - 1]!;
          const b = page.rows[k]!;
          expect(Number(a.at) > Number(b.at) || (Number(a.at) === Number(b.at) && a.id > b.id)).toBe(true);
        }
        older.push({ ids, prev: page.prevCursor });
        cursor = page.nextCursor;
      }
      // From page 6, "Newer" walks back through 5, 4, ... 1, then says there is nothing newer.
      let prev = older[5]!.prev;
      for (let i = 4; i >= 0; i--) {
        const page = await queryAudit(fresh.db, { ...f, limit: 25, cursor: prev });
        expect(page.rows.map((r) => r.id)).toEqual(older[i]!.ids);
        expect(page.nextCursor).not.toBeNull();
        prev = page.prevCursor;
      }
      expect(prev).toBeNull();
    });

    it("refuses a cursor it did not make", async () => {
      await expect(queryAudit(fresh.db, { limit: 10, cursor: "garbage" })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it("iterates a whole filtered set in keyset pages", async () => {
      const f: AuditSelection = { conferenceId: "standup" };
      const seen: number[] = [];
      let pages = 0;
      for await (const page of iterateAudit(fresh.db, f, 300)) {
        pages++;
        seen.push(...page.map(paramIndex));
      }
      expect(seen.length).toBe(expected(f).length);
      expect(new Set(seen).size).toBe(seen.length);
      expect(pages).toBe(Math.ceil(seen.length / 300));
    });

    it("finds who kicked a participant: the kick of that callId, or a kick all since they joined", async () => {
      const base = entry(0);
      await insertAudit(fresh.db, {
        ...base,
        at: T0 + 10_000,
        action: "participant.kick",
        conferenceId: "kicks",
        targetCallId: "c1",
        actorEmail: "ann@gavel.test",
        params: { reason: "spam" },
        outcome: "succeeded",
      });
      await insertAudit(fresh.db, {
        ...base,
        at: T0 + 10_001,
        action: "participant.kick",
        conferenceId: "kicks",
        targetCallId: "c2",
        actorEmail: "bob@gavel.test",
        params: null,
        outcome: "failed",
      });
      await insertAudit(fresh.db, {
        ...base,
        at: T0 + 20_000,
        action: "conference.kick_all",
        conferenceId: "kicks",
        targetCallId: null,
        actorEmail: "cy@gavel.test",
        params: null,
        outcome: "succeeded",
      });
      expect(await findKick(fresh.db, "kicks", "c1", T0)).toEqual({
        at: T0 + 20_000,
        actorEmail: "cy@gavel.test",
        reason: "kick all",
      });
      expect(await findKick(fresh.db, "kicks", "c1", T0 + 15_000)).toEqual({
        at: T0 + 20_000,
        actorEmail: "cy@gavel.test",
        reason: "kick all",
      });
      expect(await findKick(fresh.db, "kicks", "c2", T0 + 20_001)).toBeUndefined();
      await insertAudit(fresh.db, {
        ...base,
        at: T0 + 30_000,
        action: "participant.kick",
        conferenceId: "kicks",
        targetCallId: "c3",
        actorEmail: "dee@gavel.test",
        params: { reason: "left phone on" },
        outcome: "succeeded",
      });
      expect(await findKick(fresh.db, "kicks", "c3", T0 + 25_000)).toEqual({
        at: T0 + 30_000,
        actorEmail: "dee@gavel.test",
        reason: "left phone on",
      });
    });

    it("retention deletes only rows older than the cutoff, in chunks", async () => {
      const before = (await queryAudit(fresh.db, { limit: 500 })).rows.length;
      expect(before).toBeGreaterThan(0);
      // Everything seeded is at T0 + 0..499 ms (and T0 + 10 s..30 s); cut at T0 + 250.
      const older = all.filter((e) => e.at < T0 + 250).length;
      expect(await deleteAuditOlderThan(fresh.db, T0 + 250, 100)).toBe(older);
      const left = [];
      for await (const page of iterateAudit(fresh.db, {}, 1000)) left.push(...page);
      expect(left.every((r) => Number(r.at) >= T0 + 250)).toBe(true);
      expect(left.length).toBe(N - older + 4);
      expect(await deleteAuditOlderThan(fresh.db, T0 + 250)).toBe(0);
    });

    it("retention deletes an entry's history with it, and keeps the history of entries it keeps", async () => {
      const old = await insertAudit(fresh.db, {
        ...entry(0),
        at: T0 - 1000,
        outcome: "unknown",
        requestId: "old-unknown",
      });
      const kept = await insertAudit(fresh.db, {
        ...entry(1),
        at: T0 + 40_000,
        outcome: "unknown",
        requestId: "new-unknown",
      });
      for (const id of [old, kept]) {
        expect(
          await changeAuditOutcome(fresh.db, id, { to: "failed", by: "reconciliation", note: "not applied", at: T0 }),
        ).toBe(true);
      }
      expect(await deleteAuditOlderThan(fresh.db, T0)).toBe(1);
      const history = await historyOf(fresh.db, [old, kept]);
      expect(history.has(old)).toBe(false);
      expect(history.get(kept)?.map((h) => `${h.from}→${h.to}`)).toEqual(["unknown→failed"]);
      const orphans = await fresh.db.kysely
        .selectFrom("audit_history")
        .select("id")
        .where("audit_id", "=", old)
        .execute();
      expect(orphans).toEqual([]);
    });
  });
});
