/**
 * The audit page at scale: seeds N audit entries (default 100,000) into a fresh
 * database and times what the page does: the first page, walking older pages,
 * a page deep in the trail and paging back newer, unfiltered and with each
 * filter, plus the CSV export's throughput. Prints p50 / p95 / max per case.
 *
 *   npm run bench                              # SQLite, 100,000 rows
 *   npm run bench -- --rows 1000000            # a million
 *   npm run bench -- --pg postgres://…/db      # PostgreSQL too (a throwaway schema, dropped after)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { createDb, type GavelDb } from "../lib/db";
import { encodeCursor, insertAuditBatch, queryAudit, type NewAuditEntry } from "../lib/db/audit";
import { auditCsvStream } from "../lib/audit/csv-export";
import type { AuditSelection } from "../lib/audit/schemas";
import { AUDIT_ACTIONS } from "../lib/audit/types";

export interface AuditBenchOptions {
  rows: number;
  /** Also run against PostgreSQL at this URL. */
  pgUrl?: string;
  /** Timed repetitions per case. */
  reps: number;
  /** Older pages walked per case. */
  walk: number;
  pageSize: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** A deterministic generator, so runs are comparable. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function seedRows(n: number, now: number): NewAuditEntry[] {
  const r = rng(42);
  const actors = Array.from({ length: 40 }, (_, i) => `user${i}@gavel.test`);
  const confs = Array.from({ length: 400 }, (_, i) => `conf-${i}`);
  const span = 180 * DAY;
  const rows: NewAuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const failed = r() < 0.08;
    // Bursts: several actions in the same millisecond (a bulk mute), so ties on `at` are common.
    const at = now - Math.floor((i / n) * span) - (i % 3 === 0 ? 0 : Math.floor(r() * 1000));
    rows.push({
      at,
      actorId: null,
      actorEmail: actors[Math.floor(r() * actors.length)]!,
      actorRole: "moderator",
      action: AUDIT_ACTIONS[Math.floor(r() * 14)]!,
      conferenceId: confs[Math.floor(r() * confs.length)]!,
      targetCallId: randomUUID(),
      targetNumber: `+4670${String(Math.floor(r() * 1e7)).padStart(7, "0")}`,
      params: failed ? { reason: "bench" } : null,
      outcome: failed ? "failed" : "succeeded",
      httpStatus: failed ? 503 : 204,
      sinchErrorCode: failed ? 50300 : null,
      sinchReference: failed ? randomUUID() : null,
      errorMessage: failed ? "Sinch is unavailable" : null,
      latencyMs: Math.floor(r() * 300),
      requestId: `bench-${i}`,
      clientAddress: "10.0.0.1",
    });
  }
  return rows;
}

function stats(ms: number[]): { p50: number; p95: number; max: number; n: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1] ?? 0, n: s.length };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

const fmt = (n: number) => n.toFixed(2).padStart(8);

async function benchEngine(name: string, db: GavelDb, o: AuditBenchOptions, now: number): Promise<void> {
  console.log(`\n## ${name}: ${o.rows.toLocaleString("en")} audit entries`);
  const rows = seedRows(o.rows, now);
  const [seedMs] = await time(async () => {
    for (let i = 0; i < rows.length; i += 10_000) await insertAuditBatch(db, rows.slice(i, i + 10_000));
  });
  console.log(
    `seeding: ${(seedMs / 1000).toFixed(1)} s (${Math.round(o.rows / (seedMs / 1000)).toLocaleString("en")} rows/s)`,
  );
  if (db.engine === "postgres") await sql`analyze audit_log`.execute(db.kysely);
  else await sql`analyze`.execute(db.kysely);

  const sample = rows[Math.floor(rows.length / 2)]!;
  const cases: [string, AuditSelection][] = [
    ["unfiltered", {}],
    ["actor", { actor: sample.actorEmail! }],
    ["conference", { conferenceId: sample.conferenceId! }],
    ["action", { action: "participant.kick" }],
    ["outcome=failed", { outcome: "failed" }],
    ["time range (7 days)", { from: now - 100 * DAY, to: now - 93 * DAY }],
    ["actor+outcome", { actor: sample.actorEmail!, outcome: "failed" }],
    ["conference+action", { conferenceId: sample.conferenceId!, action: "participant.mute" }],
    ["request id", { requestId: sample.requestId }],
  ];

  console.log(
    `${"case".padEnd(22)} ${"matches".padStart(8)} | ${"first page p50/p95/max ms".padEnd(28)} | ${"walking older p50/p95/max".padEnd(28)} | ${"deep page p50/p95/max".padEnd(28)} | newer from deep p50/p95/max`,
  );
  let worst = 0;
  for (const [label, f] of cases) {
    const matches = Number(
      (
        await applyRows(db, f)
          .clearSelect()
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const first: number[] = [];
    for (let i = 0; i < o.reps; i++) first.push((await time(() => queryAudit(db, { ...f, limit: o.pageSize })))[0]);

    const walk: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < o.walk; i++) {
      const [ms, page] = await time(() => queryAudit(db, { ...f, limit: o.pageSize, cursor }));
      walk.push(ms);
      cursor = page.nextCursor;
      if (!cursor) break;
    }

    // A cursor 90% of the way down the matches (found once, untimed, with OFFSET).
    const deepRow = await applyRows(db, f)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .offset(Math.max(0, Math.floor(matches * 0.9) - 1))
      .limit(1)
      .executeTakeFirst();
    const deep: number[] = [];
    const newer: number[] = [];
    if (deepRow) {
      const older = encodeCursor(Number(deepRow.at), deepRow.id, "older");
      const newerCursor = encodeCursor(Number(deepRow.at), deepRow.id, "newer");
      for (let i = 0; i < o.reps; i++) {
        deep.push((await time(() => queryAudit(db, { ...f, limit: o.pageSize, cursor: older })))[0]);
        newer.push((await time(() => queryAudit(db, { ...f, limit: o.pageSize, cursor: newerCursor })))[0]);
      }
    }
    const line = [first, walk, deep, newer].map((m) => {
      if (m.length === 0) return "n/a".padEnd(28);
      const s = stats(m);
      worst = Math.max(worst, s.max);
      return `${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.max)}  `;
    });
    console.log(`${label.padEnd(22)} ${String(matches).padStart(8)} | ${line.join(" | ")}`);
  }
  console.log(`slowest page of all: ${worst.toFixed(2)} ms (page size ${o.pageSize})`);

  const reader = auditCsvStream(db, {}, 1000).getReader();
  let bytes = 0;
  const [exportMs] = await time(async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
  });
  console.log(
    `CSV export, unfiltered: ${(exportMs / 1000).toFixed(1)} s, ${Math.round(o.rows / (exportMs / 1000)).toLocaleString("en")} rows/s, ${(bytes / 1e6).toFixed(1)} MB`,
  );

  if (db.engine === "sqlite") {
    const plan = await sql<{
      detail: string;
    }>`explain query plan select * from audit_log where outcome = 'failed' and at <= ${sample.at} and (at < ${sample.at} or id < 'x') order by at desc, id desc limit 51`.execute(
      db.kysely,
    );
    console.log(`SQLite plan (outcome + cursor): ${plan.rows.map((r) => r.detail).join("; ")}`);
  }
}

/** The filters as queryAudit applies them (for counting matches and finding a deep row, untimed). */
function applyRows(db: GavelDb, f: AuditSelection) {
  let q = db.kysely.selectFrom("audit_log").selectAll();
  if (f.from !== undefined) q = q.where("at", ">=", f.from);
  if (f.to !== undefined) q = q.where("at", "<=", f.to);
  if (f.actor) q = q.where("actor_email", "=", f.actor);
  if (f.conferenceId) q = q.where("conference_id", "=", f.conferenceId);
  if (f.action) q = q.where("action", "=", f.action);
  if (f.outcome) q = q.where("outcome", "=", f.outcome);
  if (f.requestId) q = q.where("request_id", "=", f.requestId);
  return q;
}

export async function benchAudit(o: AuditBenchOptions): Promise<void> {
  const now = Date.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), "gavel-bench-"));
  try {
    const db = await createDb({ dataDir: dir });
    try {
      await benchEngine("SQLite", db, o, now);
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (o.pgUrl) {
    const schema = `gavel_bench_${randomBytes(4).toString("hex")}`;
    const db = await createDb({ url: o.pgUrl, pgSchema: schema });
    try {
      await benchEngine("PostgreSQL", db, o, now);
    } finally {
      await db.close();
      const c = new pg.Client({ connectionString: o.pgUrl });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    }
  }
}
