/**
 * Errors in Gavel's words (issue 11, finding 13), through real routes, the real
 * emulator and a real database: Sinch's free-text message and reference, however
 * hostile (control characters, markup, bidi overrides, 100 kB), reach the API answer
 * and the audit row only bounded and sanitised, with errorCode and reference kept,
 * while the server log has Sinch's full text; and a database error in a route
 * answers the generic 500 envelope with a request id, its text only in the log.
 * (Test code: sets process.env before loading routes.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "../../sinch/emulator";
import { moderator, admin, call, envelope } from "../../testing/route-requests";
import { startRouteWorld, type RouteWorld } from "../../testing/route-world";
import { SINCH_REFERENCE_MAX, SINCH_TEXT_MAX } from "../../sinch/errors";

type ParticipantRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");
type AuditRoute = typeof import("../../../app/api/audit/route");

// Everything a hostile or broken upstream might put in its message.
const HOSTILE =
  'Denied\u0000 \u001b[2J<img src=x onerror="alert(1)"><script>steal()</script>\r\n' +
  '{"level":"info","event":"forged"}\u202eevil\u200b<!-- x -->' +
  "A".repeat(100_000);
const HOSTILE_REFERENCE = "<b>ref</b>\u0000\n" + "r".repeat(5_000);

let emu: RunningEmulator;
let world: RouteWorld;
let participantRoute: ParticipantRoute;
let auditRoute: AuditRoute;
const logged: string[] = [];

beforeAll(async () => {
  world = await startRouteWorld({ name: "error-words", env: { SINCH_TIMEOUT_MS: "2000" } });
  emu = world.emu;
  participantRoute = await import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");
  auditRoute = await import("../../../app/api/audit/route");
  const keep = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
  vi.spyOn(console, "log").mockImplementation(keep);
  vi.spyOn(console, "error").mockImplementation(keep);
});

afterAll(async () => {
  await world?.close();
});

/** Nothing a person should not see: no controls, no invisible characters, no markup, bounded. */
function expectClean(text: string, max: number): void {
  expect(text.length).toBeLessThanOrEqual(max);
  expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  expect(text).not.toMatch(/[<>]/);
}

function logLines(): Array<Record<string, unknown>> {
  return logged.flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

describe("Sinch's error text", () => {
  it("reaches the answer and the audit row bounded and sanitised; the log has all of it", async () => {
    const id = `words-${process.pid}`;
    const room = emu.state.putRoom(id, [{ cli: "+46701000001" }]);
    const callId = room.participants[0]!.callId;
    emu.faults.add({
      match: { operation: "manageParticipant" },
      count: 1,
      fault: {
        type: "respond",
        status: 403,
        body: { errorCode: 40300, message: HOSTILE, reference: HOSTILE_REFERENCE },
      },
    });
    const res = await call(participantRoute.PATCH, {
      method: "PATCH",
      as: moderator,
      path: `/api/conferences/${id}/participants/${callId}`,
      params: { conferenceId: id, callId },
      body: JSON.stringify({ command: "mute" }),
    });
    expect(res.status).toBe(502);
    const requestId = res.headers.get("x-request-id");
    const error = await envelope(res);
    expect(error.code).toBe("upstream_failed");
    expect(error.message).toMatch(/^Sinch refused Gavel's credentials\. Sinch: Denied/);
    expectClean(error.message, SINCH_TEXT_MAX + 80);
    expect(error.message).not.toContain("A".repeat(SINCH_TEXT_MAX));
    expect(error.details?.sinchErrorCode).toBe(40300);
    expectClean(String(error.details?.sinchReference), SINCH_REFERENCE_MAX);
    expect(error.details?.sinchReference).toMatch(/^ref rrr/);

    const { db } = await import("../../db");
    const { queryAudit } = await import("../../db/audit");
    const { rows } = await queryAudit(await db(), { requestId: requestId ?? undefined, limit: 10 } as Parameters<
      typeof queryAudit
    >[1]);
    const row = rows.find((r) => r.request_id === requestId);
    expect(row?.outcome).toBe("failed");
    expect(row?.sinch_error_code).toBe(40300);
    expect(row?.error_message).toBe(error.message);
    expectClean(String(row?.sinch_reference), SINCH_REFERENCE_MAX);

    const line = logLines().find((l) => l.event === "sinch_error_answer" && l.requestId === requestId);
    expect(line?.sinchMessage).toBe(HOSTILE);
    expect(line?.errorCode).toBe(40300);
  });
});

describe("a database error", () => {
  it("answers the generic 500 envelope with a request id; its text is only in the log", async () => {
    const { db } = await import("../../db");
    await (await db()).kysely.schema.dropTable("audit_log").execute();
    const res = await call(auditRoute.GET, { method: "GET", as: admin, path: "/api/audit", params: {} });
    expect(res.status).toBe(500);
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toBeTruthy();
    const text = await res.clone().text();
    expect(text).not.toMatch(/audit_log|sqlite|no such table|select/i);
    const error = await envelope(res);
    expect(error).toEqual({
      code: "internal",
      message: "Something went wrong on Gavel's server. The request id identifies it in the log.",
    });
    const line = logLines().find((l) => l.event === "unhandled_error" && l.requestId === requestId);
    expect(String(line?.error)).toMatch(/no such table: audit_log/);
  });
});
