/**
 * The conference routes' answers for the three outcomes, through real NextRequests
 * and session cookies (lib/testing/route-requests.ts) against the real emulator:
 * 200 when Sinch confirmed, 202 {outcome: "unknown", requestId, message} when it did
 * not answer in time, and the participants GET carrying what is unconfirmed and,
 * once decided, what was resolved. (Test code: sets process.env before loading routes.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../sinch/emulator";
import { waitFor } from "../../sinch/emulator/testing/http";
import { moderator, admin, call } from "../../testing/route-requests";
import { readLive } from "../../testing/live-poll";
import { routeWorldForFile } from "../../testing/route-world";
import type { ConferenceLiveView } from "../schemas";

type ParticipantRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");
type LiveRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/route");
type ConferenceRoute = typeof import("../../../app/api/conferences/[conferenceId]/route");

let emu: RunningEmulator;
let participantRoute: ParticipantRoute;
let liveRoute: LiveRoute;
let conferenceRoute: ConferenceRoute;

const world = routeWorldForFile({ name: "routes", env: { SINCH_TIMEOUT_MS: "1000", GAVEL_POLL_INTERVAL_MS: "1000" } });

beforeAll(async () => {
  emu = world.emu;
  participantRoute = await import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");
  liveRoute = await import("../../../app/api/conferences/[conferenceId]/participants/route");
  conferenceRoute = await import("../../../app/api/conferences/[conferenceId]/route");
});

let seq = 0;
function room(n = 2) {
  const id = `routes-${process.pid}-${++seq}`;
  const r = emu.state.putRoom(
    id,
    Array.from({ length: n }, (_, i) => ({ cli: `+4670100${String(i).padStart(4, "0")}` })),
  );
  return { id, callIds: r.participants.map((p) => p.callId) };
}

const live = (conferenceId: string): Promise<ConferenceLiveView> => readLive(liveRoute.GET, conferenceId);

describe("PATCH /api/conferences/:id/participants/:callId", () => {
  it("answers 200 {ok: true} when Sinch confirmed", async () => {
    const { id, callIds } = room();
    const res = await call(participantRoute.PATCH, {
      method: "PATCH",
      as: moderator,
      path: `/api/conferences/${id}/participants/${callIds[0]}`,
      params: { conferenceId: id, callId: callIds[0]! },
      body: JSON.stringify({ command: "mute" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers 202 {outcome: unknown} when Sinch answered too late, then the GET shows it resolved", async () => {
    const { id, callIds } = room();
    const target = callIds[1]!;
    emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "lateAnswer", ms: 1500 } });
    const res = await call(participantRoute.PATCH, {
      method: "PATCH",
      as: moderator,
      path: `/api/conferences/${id}/participants/${target}`,
      params: { conferenceId: id, callId: target },
      body: JSON.stringify({ command: "mute" }),
    });
    expect(res.status).toBe(202);
    const requestId = res.headers.get("x-request-id");
    expect(await res.json()).toEqual({
      outcome: "unknown",
      requestId,
      message: "Sinch did not answer in time; Gavel is checking whether the command took effect",
    });

    // Already carried out: the first list may show it at once; either way the GET says so.
    const decided = await waitFor(async () => (await live(id)).resolved.find((r) => r.requestId === requestId), {
      timeoutMs: 10_000,
      intervalMs: 200,
      what: "the mute resolved",
    });
    expect(decided).toMatchObject({ action: "mute", callId: target, outcome: "succeeded" });
    const after = await live(id);
    expect(after.unconfirmed).toEqual([]);
    expect(after.participants.find((p) => p.callId === target)?.muted).toBe(true);
  });

  it("lists a command not carried out as unconfirmed, then resolved as failed", async () => {
    const { id, callIds } = room();
    const target = callIds[0]!;
    emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "hang" } });
    const res = await call(participantRoute.PATCH, {
      method: "PATCH",
      as: moderator,
      path: `/api/conferences/${id}/participants/${target}`,
      params: { conferenceId: id, callId: target },
      body: JSON.stringify({ command: "onhold" }),
    });
    expect(res.status).toBe(202);
    const requestId = res.headers.get("x-request-id");
    const first = await live(id);
    expect(first.unconfirmed.map((u) => [u.requestId, u.action, u.callId])).toEqual([[requestId, "hold", target]]);
    const decided = await waitFor(async () => (await live(id)).resolved.find((r) => r.requestId === requestId), {
      timeoutMs: 10_000,
      intervalMs: 200,
      what: "the hold resolved",
    });
    expect(decided).toMatchObject({ action: "hold", outcome: "failed" });
    expect(decided.note).toMatch(/^not applied: still not on hold/);
  });

  it("answers as before when Sinch refused: an error, nothing unconfirmed", async () => {
    const { id, callIds } = room();
    emu.faults.add({ match: { operation: "kickParticipant" }, count: 1, fault: { type: "status", status: 503 } });
    const res = await call(participantRoute.DELETE, {
      method: "DELETE",
      as: moderator,
      path: `/api/conferences/${id}/participants/${callIds[0]}`,
      params: { conferenceId: id, callId: callIds[0]! },
    });
    expect(res.status).toBe(503);
    expect((await live(id)).unconfirmed).toEqual([]);
  });
});

describe("DELETE /api/conferences/:id (end the meeting)", () => {
  it("answers 202 {outcome: unknown} when the kick all's answer came too late", async () => {
    const { id } = room(3);
    emu.faults.add({ match: { operation: "kickAll" }, count: 1, fault: { type: "lateAnswer", ms: 1500 } });
    const res = await call(conferenceRoute.DELETE, {
      method: "DELETE",
      as: admin,
      path: `/api/conferences/${id}`,
      params: { conferenceId: id },
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { outcome: string; requestId: string; message: string };
    expect(Object.keys(body).sort()).toEqual(["message", "outcome", "requestId"]);
    expect(body).toMatchObject({ outcome: "unknown", requestId: res.headers.get("x-request-id") });
  });
});
