/**
 * The music on a held row, through the real routes and the emulator: Sinch's list
 * (and the emulator's wire answer) says only `onhold`, so the music comes from
 * Gavel's own audited hold command; a hold Gavel did not send shows no music, and a
 * resume takes it away. (Test code: sets process.env before loading routes.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../sinch/emulator";
import { moderator, call } from "../../testing/route-requests";
import { readLive } from "../../testing/live-poll";
import { routeWorldForFile } from "../../testing/route-world";
import type { ConferenceLiveView } from "../schemas";

type ParticipantRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");
type LiveRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/route");
type BulkRoute = typeof import("../../../app/api/conferences/[conferenceId]/bulk/route");

let emu: RunningEmulator;
let participantRoute: ParticipantRoute;
let liveRoute: LiveRoute;
let bulkRoute: BulkRoute;
let invalidateLive: (id: string) => void;

const world = routeWorldForFile({ name: "hold-music", env: { GAVEL_POLL_INTERVAL_MS: "1000" } });

beforeAll(async () => {
  emu = world.emu;
  participantRoute = await import("../../../app/api/conferences/[conferenceId]/participants/[callId]/route");
  liveRoute = await import("../../../app/api/conferences/[conferenceId]/participants/route");
  bulkRoute = await import("../../../app/api/conferences/[conferenceId]/bulk/route");
  ({ invalidateLive } = await import("./live"));
});

let seq = 0;
function room(n = 3) {
  const id = `hold-music-${process.pid}-${++seq}`;
  const r = emu.state.putRoom(
    id,
    Array.from({ length: n }, (_, i) => ({ cli: `+4670200${String(i).padStart(4, "0")}` })),
  );
  return { id, callIds: r.participants.map((p) => p.callId) };
}

/** The list as a fresh fetch from Sinch gives it (not the cache a command wrote into). */
async function fresh(conferenceId: string): Promise<ConferenceLiveView> {
  invalidateLive(conferenceId);
  return readLive(liveRoute.GET, conferenceId);
}

async function command(conferenceId: string, callId: string, body: object) {
  const res = await call(participantRoute.PATCH, {
    method: "PATCH",
    as: moderator,
    path: `/api/conferences/${conferenceId}/participants/${callId}`,
    params: { conferenceId, callId },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const music = (v: ConferenceLiveView, callId: string) => {
  const p = v.participants.find((x) => x.callId === callId);
  return p && { onhold: p.onhold, holdMusic: p.holdMusic };
};

describe("hold music on the live list", () => {
  it("names the music of Gavel's own hold; Sinch's list does not carry it", async () => {
    const { id, callIds } = room();
    const [a, b] = callIds as [string, string];
    await command(id, a, { command: "onhold", moh: "music2" });
    // Sinch's wire answer has no music: what the emulator answers on the wire is onhold only.
    expect(emu.state.getConference(id).find((p) => p.id === a)).not.toHaveProperty("moh");
    const view = await fresh(id);
    expect(music(view, a)).toEqual({ onhold: true, holdMusic: "music2" });
    // Nobody held: no music field at all.
    expect(view.participants.find((p) => p.callId === b)).not.toHaveProperty("holdMusic");
  });

  it("says nothing of the music of a hold Gavel did not send", async () => {
    const { id, callIds } = room();
    const a = callIds[0]!;
    emu.state.manageParticipant(id, a, { command: "onhold", moh: "music3" });
    expect(music(await fresh(id), a)).toEqual({ onhold: true, holdMusic: null });
  });

  it("the last command counts: a resume and a hold from outside show no music", async () => {
    const { id, callIds } = room();
    const a = callIds[0]!;
    await command(id, a, { command: "onhold", moh: "ring" });
    await command(id, a, { command: "resume" });
    expect(music(await fresh(id), a)).toEqual({ onhold: false, holdMusic: undefined });
    emu.state.manageParticipant(id, a, { command: "onhold", moh: "music1" });
    expect(music(await fresh(id), a)).toEqual({ onhold: true, holdMusic: null });
  });

  it("a refused hold is not taken for the music", async () => {
    const { id, callIds } = room();
    const a = callIds[0]!;
    await command(id, a, { command: "onhold", moh: "music1" });
    emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "status", status: 500 } });
    const res = await call(participantRoute.PATCH, {
      method: "PATCH",
      as: moderator,
      path: `/api/conferences/${id}/participants/${a}`,
      params: { conferenceId: id, callId: a },
      body: JSON.stringify({ command: "onhold", moh: "music3" }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(music(await fresh(id), a)).toEqual({ onhold: true, holdMusic: "music1" });
  });

  it("a bulk hold names its music on every row it held", async () => {
    const { id, callIds } = room();
    const res = await call(bulkRoute.POST, {
      method: "POST",
      as: moderator,
      path: `/api/conferences/${id}/bulk`,
      params: { conferenceId: id },
      body: JSON.stringify({ action: "hold", moh: "music2", all: true }),
    });
    expect(res.status).toBe(200);
    const view = await fresh(id);
    expect(callIds.map((c) => music(view, c)?.holdMusic)).toEqual(["music2", "music2", "music2"]);
  });

  it("the cached list a confirmed hold is written into names the music at once", async () => {
    const { id, callIds } = room();
    const a = callIds[0]!;
    await fresh(id);
    await command(id, a, { command: "onhold", moh: "music3" });
    const res = await call(liveRoute.GET, {
      method: "GET",
      as: moderator,
      path: `/api/conferences/${id}/participants`,
      params: { conferenceId: id },
    });
    expect(music((await res.json()) as ConferenceLiveView, a)).toEqual({ onhold: true, holdMusic: "music3" });
  });
});
