/**
 * The bulk route against Sinch's 429s (issue 12, item 9), through real NextRequests
 * against the real emulator: a bulk that meets some 429s slows down and completes
 * every row, each row with one audit entry saying how many requests it took; a real
 * refusal fails its row at once; a 429 whose wait the bulk cannot afford stops it,
 * and the rows it never sent say so. (Test code: sets process.env before loading routes.)
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "../../sinch/emulator";
import { call, type Who } from "../../testing/route-requests";
import { routeWorldForFile } from "../../testing/route-world";
import type { BulkResponse } from "../schemas";

type BulkRoute = typeof import("../../../app/api/conferences/[conferenceId]/bulk/route");

const moderator: Who = { uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0a31", email: "bulk@gavel.test", role: "moderator" };

let emu: RunningEmulator;
let bulkRoute: BulkRoute;
let auditOf: (
  requestId: string,
) => Promise<{ action: string; outcome: string; httpStatus: number | null; params: Record<string, unknown> | null }[]>;

const world = routeWorldForFile({
  name: "bulk-routes",
  env: { SINCH_TIMEOUT_MS: "1000", GAVEL_POLL_INTERVAL_MS: "1000", GAVEL_BULK_CONCURRENCY: "4" },
});

beforeAll(async () => {
  emu = world.emu;
  bulkRoute = await import("../../../app/api/conferences/[conferenceId]/bulk/route");
  const { db } = await import("../../db");
  auditOf = async (requestId) => {
    const rows = await (await db()).kysely
      .selectFrom("audit_log")
      .select(["action", "outcome", "http_status", "params"])
      .where("request_id", "=", requestId)
      .execute();
    return rows.map((r) => ({
      action: r.action,
      outcome: r.outcome,
      httpStatus: r.http_status,
      params: typeof r.params === "string" ? (JSON.parse(r.params) as Record<string, unknown>) : r.params,
    }));
  };
});

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  emu.faults.clear();
});

let seq = 0;
function room(n: number) {
  const id = `bulk-${process.pid}-${++seq}`;
  const r = emu.state.putRoom(
    id,
    Array.from({ length: n }, (_, i) => ({ cli: `+4670300${String(seq * 100 + i).padStart(4, "0")}` })),
  );
  return { id, callIds: r.participants.map((p) => p.callId) };
}

async function bulkMute(id: string, callIds: string[]) {
  const mark = emu.requests.since(0).at(-1)?.seq ?? 0;
  const res = await call(bulkRoute.POST, {
    method: "POST",
    as: moderator,
    path: `/api/conferences/${id}/bulk`,
    params: { conferenceId: id },
    body: JSON.stringify({ action: "mute", callIds }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as BulkResponse;
  const patches = emu.requests.since(mark).filter((r) => r.operation === "manageParticipant");
  const entries = await auditOf(res.headers.get("x-request-id") ?? "");
  return {
    body,
    patches,
    rows: entries.filter((e) => !e.action.startsWith("bulk.")),
    summary: entries.find((e) => e.action.startsWith("bulk."))!,
  };
}

describe("POST /api/conferences/:id/bulk while Sinch answers 429", () => {
  it("slows down, sends the refused rows again and completes every row, one audit entry each", async () => {
    const { id, callIds } = room(12);
    // Every third PATCH of the room answers 429 (Retry-After: 0 and 1), four in all.
    for (let i = 0; i < 4; i++) {
      emu.faults.add({
        match: { operation: "manageParticipant", path: id },
        count: 2,
        fault: { type: "latency", ms: 0 },
      });
      emu.faults.add({
        match: { operation: "manageParticipant", path: id },
        count: 1,
        fault: { type: "status", status: 429, retryAfter: i === 0 ? 1 : 0 },
      });
    }
    const { body, patches, rows, summary } = await bulkMute(id, callIds);

    expect(body).toMatchObject({ succeeded: 12, failed: 0, unknown: 0 });
    expect(patches.filter((p) => p.status === 429)).toHaveLength(4);
    expect(patches).toHaveLength(16);
    expect(emu.state.getRoomView(id)?.participants.every((p) => p.muted)).toBe(true);
    // One entry per row, all succeeded; the rows sent again say how many times.
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.outcome === "succeeded" && r.httpStatus === 200)).toBe(true);
    // (a row sent again may meet the next 429 too: what counts is that every request is in some row's entry)
    const attempts = rows.map((r) => (typeof r.params?.attempts === "number" ? r.params.attempts : 1));
    expect(attempts.reduce((a, b) => a + b, 0)).toBe(16);
    expect(attempts.some((a) => a > 1)).toBe(true);
    expect(summary).toMatchObject({ outcome: "succeeded", params: { succeeded: 12, rateLimited: 4 } });
  });

  it("fails a row Sinch really refuses, at once, and completes the others", async () => {
    const { id, callIds } = room(5);
    emu.faults.add({
      match: { operation: "manageParticipant", path: callIds[2]! },
      count: 5,
      fault: { type: "status", status: 403 },
    });
    emu.faults.add({
      match: { operation: "manageParticipant", path: callIds[4]! },
      count: 1,
      fault: { type: "status", status: 429, retryAfter: 0 },
    });
    const { body, patches, rows } = await bulkMute(id, callIds);

    expect(body).toMatchObject({ succeeded: 4, failed: 1 });
    const refused = body.results.find((r) => r.callId === callIds[2]);
    expect(refused).toMatchObject({ ok: false, outcome: "failed", error: { code: "upstream_failed" } });
    expect(patches.filter((p) => p.decodedPath.includes(callIds[2]!))).toHaveLength(1);
    expect(rows.filter((r) => r.outcome === "failed")).toEqual([
      expect.objectContaining({ httpStatus: 403, params: null }),
    ]);
  });

  it("gives up a row after five 429s, honestly: failed rate_limited, its attempts in the audit", async () => {
    const { id, callIds } = room(3);
    emu.faults.add({
      match: { operation: "manageParticipant", path: callIds[1]! },
      count: 100,
      fault: { type: "status", status: 429, retryAfter: 0 },
    });
    const { body, patches, rows } = await bulkMute(id, callIds);

    expect(body).toMatchObject({ succeeded: 2, failed: 1 });
    expect(body.results.find((r) => r.callId === callIds[1])).toMatchObject({
      outcome: "failed",
      error: { code: "rate_limited" },
    });
    expect(patches.filter((p) => p.decodedPath.includes(callIds[1]!))).toHaveLength(5);
    expect(rows.find((r) => r.outcome === "failed")).toMatchObject({ httpStatus: 429, params: { attempts: 5 } });
  });

  it("stops when Sinch asks for a longer wait than a bulk holds: rows not sent say so", async () => {
    const { id, callIds } = room(8);
    emu.faults.add({
      match: { operation: "manageParticipant", path: id },
      count: 100,
      fault: { type: "status", status: 429, retryAfter: 30 },
    });
    // Waiting 30 s would outlast the test's own timeout: nothing is waited out, and
    // only the first rows (four at once) reached Sinch.
    const { body, patches, rows, summary } = await bulkMute(id, callIds);

    expect(patches).toHaveLength(4);
    expect(body).toMatchObject({ succeeded: 0, failed: 8 });
    expect(body.results.every((r) => r.error?.code === "rate_limited")).toBe(true);
    const notSent = body.results.filter((r) => r.error?.message.includes("Not sent"));
    expect(notSent).toHaveLength(4);
    // Every row has its entry: the sent ones with Sinch's 429, the others with no answer at all.
    expect(rows).toHaveLength(8);
    expect(rows.filter((r) => r.httpStatus === 429)).toHaveLength(4);
    expect(rows.filter((r) => r.outcome === "failed" && r.httpStatus === null)).toHaveLength(4);
    expect(summary).toMatchObject({ outcome: "failed", params: { failed: 8, rateLimited: 4 } });
  });
});
