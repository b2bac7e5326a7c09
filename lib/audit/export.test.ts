import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines, type TestTarget } from "../testing/db-engines";
import type { GavelDb } from "../db";
import { insertAudit, insertAuditBatch, type NewAuditEntry } from "../db/audit";
import { changeAuditOutcome } from "../db/audit-history";
import { createContact } from "../db/contacts";
import { CSV_BOM, parseCsv } from "./csv";
import { AUDIT_CSV_HEADER, auditCsvStream } from "./csv-export";

const T0 = Date.UTC(2026, 10, 27, 16, 0, 0);

function entry(i: number, over: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    at: T0 + i * 1000,
    actorId: `u${i}`,
    actorEmail: "ann@gavel.test",
    actorRole: "moderator",
    action: "participant.kick",
    conferenceId: "weekly-sync",
    targetCallId: `call-${i}`,
    targetNumber: "+46708168731",
    params: { reason: `reason ${i}` },
    outcome: "succeeded",
    httpStatus: 204,
    sinchErrorCode: null,
    sinchReference: null,
    errorMessage: null,
    latencyMs: 17,
    requestId: `req-${i}`,
    clientAddress: "10.0.0.1",
    ...over,
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return { text: Buffer.concat(parts).toString("utf8"), chunks: parts.length };
}

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("audit CSV export", () => {
    let t: TestTarget;
    let db: GavelDb;
    beforeAll(async () => {
      t = await engine.fresh();
      db = await t.open();
      const rows = Array.from({ length: 50 }, (_, i) => entry(i));
      rows.push(
        entry(100, {
          conferenceId: '=HYPERLINK("http://evil.example","x")',
          params: { reason: 'He said "hi", then\nleft' },
          errorMessage: "@SUM(1,2)",
          actorEmail: "zoë@gavel.test",
          outcome: "failed",
          httpStatus: 503,
          sinchErrorCode: 50300,
          sinchReference: "-ref",
        }),
      );
      await insertAuditBatch(db, rows);
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it("streams the filtered set page by page, newest first, as CSV a spreadsheet opens safely", async () => {
      const { text, chunks } = await readAll(auditCsvStream(db, {}, 7));
      expect(text.startsWith(CSV_BOM)).toBe(true);
      // Header, then ceil(51 / 7) = 8 pages.
      expect(chunks).toBe(1 + 8);
      const rows = parseCsv(text);
      expect(rows[0]).toEqual([...AUDIT_CSV_HEADER]);
      expect(rows).toHaveLength(52);
      expect(rows.slice(1).every((r) => r.length === AUDIT_CSV_HEADER.length)).toBe(true);

      const evil = rows[1]!;
      const col = (name: (typeof AUDIT_CSV_HEADER)[number]) => evil[AUDIT_CSV_HEADER.indexOf(name)];
      expect(col("Time (UTC)")).toBe("2026-11-27 16:01:40.000");
      expect(col("Actor email")).toBe("zoë@gavel.test");
      expect(col("Conference")).toBe('\'=HYPERLINK("http://evil.example","x")');
      expect(col("Parameters")).toBe('{"reason":"He said \\"hi\\", then\\nleft"}');
      expect(col("Error message")).toBe("'@SUM(1,2)");
      expect(col("Sinch reference")).toBe("'-ref");
      expect(col("Sinch error code")).toBe("50300");
      expect(col("Target number")).toBe("'+46708168731");
      expect(col("Request id")).toBe("req-100");
      // The raw text quotes what needs quoting.
      expect(text).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');

      const requestIds = rows.slice(1).map((r) => r[AUDIT_CSV_HEADER.indexOf("Request id")]);
      expect(requestIds.slice(0, 3)).toEqual(["req-100", "req-49", "req-48"]);
      expect(new Set(requestIds).size).toBe(51);
    });

    it("exports only what the filters select", async () => {
      const { text } = await readAll(auditCsvStream(db, { outcome: "failed" }, 7));
      expect(parseCsv(text)).toHaveLength(2);
      const ranged = parseCsv((await readAll(auditCsvStream(db, { from: T0 + 10_000, to: T0 + 19_000 }, 3))).text);
      expect(ranged).toHaveLength(1 + 10);
    });

    it("stops reading when the download is cancelled", async () => {
      const reader = auditCsvStream(db, {}, 5).getReader();
      await reader.read();
      await reader.read();
      await reader.cancel();
      const after = await reader.read().catch(() => ({ done: true }));
      expect(after.done).toBe(true);
    });

    it("keeps the columns it had and appends the first outcome and how and when it was decided", async () => {
      expect(AUDIT_CSV_HEADER.slice(0, 18).at(-1)).toBe("Entry id");
      expect(AUDIT_CSV_HEADER.slice(18)).toEqual([
        "First outcome",
        "Outcome decided by",
        "Outcome decided at (UTC)",
        "Outcome history",
        "Target name (directory at export)",
        "API token",
      ]);
      const id = await insertAudit(db, entry(200, { outcome: "unknown", requestId: "req-unknown" }));
      await changeAuditOutcome(db, id, {
        to: "succeeded",
        by: "reconciliation",
        note: "seen gone from Sinch's list",
        at: Date.UTC(2026, 10, 27, 17, 3, 4),
      });
      const { text } = await readAll(auditCsvStream(db, { requestId: "req-unknown" }));
      const [header, row] = parseCsv(text);
      const col = (name: (typeof AUDIT_CSV_HEADER)[number]) => row?.[header!.indexOf(name)];
      expect(col("Outcome")).toBe("succeeded");
      expect(col("First outcome")).toBe("unknown");
      expect(col("Outcome decided by")).toBe("reconciliation");
      expect(col("Outcome decided at (UTC)")).toBe("2026-11-27 17:03:04.000");
      expect(col("Outcome history")).toBe(
        "Unknown → Succeeded by reconciliation at 2026-11-27 17:03:04.000 UTC: seen gone from Sinch's list",
      );
      // An entry whose outcome never changed: first = current, nothing decided later.
      const { text: plain } = await readAll(auditCsvStream(db, { requestId: "req-3" }));
      const [, first] = parseCsv(plain);
      expect(first?.slice(18)).toEqual(["succeeded", "", "", "", "", ""]);
    });

    it("names the target number as the directory has it at the export, without touching the entry", async () => {
      await insertAudit(db, entry(300, { requestId: "req-named", targetNumber: "+46708160300" }));
      const named = async () => {
        const [header, row] = parseCsv((await readAll(auditCsvStream(db, { requestId: "req-named" }))).text);
        return [row?.[header!.indexOf("Target number")], row?.[header!.indexOf("Target name (directory at export)")]];
      };
      expect(await named()).toEqual(["'+46708160300", ""]);
      await createContact(db, { name: "Ann Audit", numbers: ["+46708160300"], organisation: null, notes: null });
      expect(await named()).toEqual(["'+46708160300", "Ann Audit"]);
    });
  });
});
