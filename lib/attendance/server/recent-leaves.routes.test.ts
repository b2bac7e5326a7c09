/**
 * GET /api/conferences/:id/recent-leaves through real requests against the real
 * emulator: who may read it, and what it says of each leave: kicked through Gavel
 * (by whom, why), hung up on a call Gavel placed (Sinch's end reason from the
 * callouts records), hung up on a dial-in (no reason: Gavel does not know), and
 * nothing older than ten minutes. The leaves are recorded by polling, as an open page
 * would poll. (Test code: sets process.env before loading routes.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../sinch/emulator";
import { waitFor } from "../../sinch/emulator/testing/http";
import { moderator, admin, call, envelope, support, type Who } from "../../testing/route-requests";
import { readLive } from "../../testing/live-poll";
import { routeWorldForFile } from "../../testing/route-world";
import type { CalloutListResponse, PlaceCalloutResponse } from "../../callouts/contract";
import { RECENT_LEAVES_WINDOW_MS, type RecentLeavesResponse } from "../schemas";

type LeavesRoute = typeof import("../../../app/api/conferences/[conferenceId]/recent-leaves/route");
type LiveRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/route");
type KickRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");
type PlaceRoute = typeof import("../../../app/api/callouts/route");
type ConferenceCalloutsRoute = typeof import("../../../app/api/conferences/[conferenceId]/callouts/route");

let emu: RunningEmulator;
let leavesRoute: LeavesRoute;
let liveRoute: LiveRoute;
let kickRoute: KickRoute;
let placeRoute: PlaceRoute;
let conferenceCallouts: ConferenceCalloutsRoute;

const world = routeWorldForFile({
  name: "recent-leaves",
  env: { GAVEL_POLL_INTERVAL_MS: "1000", GAVEL_DEFAULT_COUNTRY: "US" },
  emulator: { ringMs: 100 },
});

beforeAll(async () => {
  emu = world.emu;
  leavesRoute = await import("../../../app/api/conferences/[conferenceId]/recent-leaves/route");
  liveRoute = await import("../../../app/api/conferences/[conferenceId]/participants/route");
  kickRoute = await import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");
  placeRoute = await import("../../../app/api/callouts/route");
  conferenceCallouts = await import("../../../app/api/conferences/[conferenceId]/callouts/route");
});

let seq = 0;
const newId = () => `leaves-${process.pid}-${++seq}`;

function leaves(conferenceId: string, as: Who | null = moderator) {
  return call(leavesRoute.GET, {
    method: "GET",
    as: as ?? undefined,
    path: `/api/conferences/${conferenceId}/recent-leaves`,
    params: { conferenceId },
  });
}

async function poll(conferenceId: string): Promise<string[]> {
  return (await readLive(liveRoute.GET, conferenceId)).participants.map((p) => p.callId);
}

/** Polls (as an open page does) until the list is exactly `expected`. */
async function pollUntil(conferenceId: string, expected: string[]): Promise<void> {
  const want = [...expected].sort().join(",");
  await waitFor(async () => ((await poll(conferenceId)).sort().join(",") === want ? true : undefined), {
    timeoutMs: 8000,
    intervalMs: 100,
    what: `the list of ${conferenceId} to be ${want}`,
  });
}

describe("GET /api/conferences/:id/recent-leaves", () => {
  it("is readable by every role (support dials people back), not by anonymous", async () => {
    const id = newId();
    emu.state.putRoom(id, [{ cli: "+46701000001" }]);
    for (const who of [moderator, support, admin]) expect((await leaves(id, who)).status).toBe(200);
    const res = await leaves(id, null);
    expect(res.status).toBe(401);
    expect((await envelope(res)).code).toBe("unauthenticated");
  });

  it("says who kicked, Sinch's end reason for a call Gavel placed, and nothing for a dial-in who hung up", async () => {
    const id = newId();
    const room = emu.state.putRoom(id, [{ cli: "+46701000001" }, { cli: "+46701000002" }, { cli: "+46701000003" }]);
    const [kicked, hungUp, stays] = room.participants.map((p) => p.callId) as [string, string, string];

    const placed = await call(placeRoute.POST, {
      method: "POST",
      as: support,
      path: "/api/callouts",
      headers: { "idempotency-key": `leaves-${id}` },
      body: JSON.stringify({
        type: "conference",
        conferenceId: id,
        destination: { type: "number", endpoint: "+12025550143" },
        label: "Alice",
      }),
    });
    expect(placed.status).toBe(200);
    const calloutCallId = ((await placed.json()) as PlaceCalloutResponse).callout.callId!;
    await pollUntil(id, [kicked, hungUp, stays, calloutCallId]);

    const kick = await call(kickRoute.DELETE, {
      method: "DELETE",
      as: moderator,
      path: `/api/conferences/${id}/participants/${kicked}`,
      params: { conferenceId: id, callId: kicked },
      body: JSON.stringify({ reason: "heckling" }),
    });
    expect(kick.status).toBe(200);
    emu.state.hangUpParticipant(id, hungUp);
    emu.state.hangUpParticipant(id, calloutCallId);
    await pollUntil(id, [stays]);

    // The conference page reads its callouts, which follows them to their end.
    await waitFor(
      async () => {
        const res = await call(conferenceCallouts.GET, {
          method: "GET",
          as: moderator,
          path: `/api/conferences/${id}/callouts`,
          params: { conferenceId: id },
        });
        const { callouts } = (await res.json()) as CalloutListResponse;
        return callouts[0]?.final ? true : undefined;
      },
      { timeoutMs: 8000, intervalMs: 100, what: "the callout to end" },
    );

    const body = await waitFor(
      async () => {
        const res = await leaves(id);
        expect(res.status).toBe(200);
        const b = (await res.json()) as RecentLeavesResponse;
        return b.leaves.length === 3 && b.leaves.some((l) => l.calloutReason) ? b : undefined;
      },
      { timeoutMs: 8000, intervalMs: 100, what: "three leaves" },
    );
    expect(body.windowMs).toBe(RECENT_LEAVES_WINDOW_MS);
    const by = new Map(body.leaves.map((l) => [l.callId, l]));
    expect(by.get(kicked)).toMatchObject({
      number: "+46701000001",
      kickedBy: "mod@gavel.test",
      kickReason: "heckling",
      calloutReason: null,
    });
    expect(by.get(hungUp)).toMatchObject({ kickedBy: null, kickReason: null, calloutReason: null });
    expect(by.get(calloutCallId)).toMatchObject({
      label: "Alice",
      kickedBy: null,
      calloutResult: "ANSWERED",
      calloutReason: "CALLEEHANGUP",
    });
    expect(by.has(stays)).toBe(false);
    for (const l of body.leaves) expect(Date.parse(l.leftAt)).toBeGreaterThanOrEqual(Date.parse(l.joinedAt));
    // Newest leave first.
    const times = body.leaves.map((l) => Date.parse(l.leftAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("leaves out stays that ended more than ten minutes ago", async () => {
    const id = newId();
    const room = emu.state.putRoom(id, [{ cli: "+46701000001" }, { cli: "+46701000002" }]);
    const [gone, stays] = room.participants.map((p) => p.callId) as [string, string];
    await pollUntil(id, [gone, stays]);
    emu.state.hangUpParticipant(id, gone);
    await pollUntil(id, [stays]);
    await waitFor(async () => ((await (await leaves(id)).json()) as RecentLeavesResponse).leaves[0], {
      timeoutMs: 5000,
      what: "the leave",
    });
    const { recentLeaves } = await import("./recent-leaves");
    expect((await recentLeaves(id, Date.now() + RECENT_LEAVES_WINDOW_MS + 60_000)).leaves).toEqual([]);
  });
});
