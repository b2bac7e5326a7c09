/**
 * Exports of personal data are audited once per actual export: a GET that downloads
 * the file writes one entry, a HEAD (which Next answers with the GET handler) writes
 * none and sends no body (issue 11, finding 14). Through real NextRequests and session
 * cookies (lib/testing/route-requests.ts). Test code: sets process.env before loading routes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { admin, call, TEST_ROUTE_ENV } from "../../testing/route-requests";

type AuditExportRoute = typeof import("../../../app/api/audit/export/route");
type AttendanceRoute = typeof import("../../../app/api/conferences/[conferenceId]/attendance.csv/route");

let dataDir: string;
let auditExport: AuditExportRoute;
let attendance: AttendanceRoute;
let closeDb: () => Promise<void>;
let exportsRecorded: () => Promise<string[]>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "gavel-exports-"));
  Object.assign(process.env, { ...TEST_ROUTE_ENV, GAVEL_DATA_DIR: dataDir });
  (await import("../../config/env")).resetConfigForTests();
  auditExport = await import("../../../app/api/audit/export/route");
  attendance = await import("../../../app/api/conferences/[conferenceId]/attendance.csv/route");
  const { db, closeDb: close } = await import("../../db");
  closeDb = close;
  exportsRecorded = async () =>
    (
      await (await db()).kysely
        .selectFrom("audit_log")
        .select("action")
        .where("action", "in", ["audit.export", "attendance.export"])
        .orderBy("at")
        .execute()
    ).map((r) => r.action);
});

afterAll(async () => {
  await closeDb?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

describe("exports", () => {
  it("a HEAD on either export writes no audit entry and no body; each GET writes one", async () => {
    const headAudit = await call(auditExport.GET, { method: "HEAD", as: admin, path: "/api/audit/export" });
    const headAttendance = await call(attendance.GET, {
      method: "HEAD",
      as: admin,
      path: "/api/conferences/weekly/attendance.csv",
      params: { conferenceId: "weekly" },
    });
    expect([headAudit.status, headAttendance.status]).toEqual([200, 200]);
    expect(headAudit.headers.get("content-type")).toMatch(/^text\/csv/);
    expect([await headAudit.text(), await headAttendance.text()]).toEqual(["", ""]);
    expect(await exportsRecorded()).toEqual([]);

    const getAudit = await call(auditExport.GET, { method: "GET", as: admin, path: "/api/audit/export" });
    await getAudit.text();
    const getAttendance = await call(attendance.GET, {
      method: "GET",
      as: admin,
      path: "/api/conferences/weekly/attendance.csv",
      params: { conferenceId: "weekly" },
    });
    await getAttendance.text();
    expect(await exportsRecorded()).toEqual(["audit.export", "attendance.export"]);
  });
});
