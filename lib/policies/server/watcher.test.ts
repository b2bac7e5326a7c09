/**
 * The room policies watcher against the real emulator over HTTP, wired as the
 * process runs it (./watch.ts: the poll cache, the database, audited commands). No
 * page polls here: the watcher's own rounds are the only reader. Rounds are driven by
 * calling `tick` (or by fake timers for the interval itself); the idle stop uses an
 * injected clock. (Test code: sets process.env before loading modules.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "../../sinch/emulator";
import { waitFor } from "../../sinch/emulator/testing/http";
import { routeWorldForFile } from "../../testing/route-world";

type Watch = typeof import("./watch");
type Service = typeof import("./service");
type Live = typeof import("../../conferences/server/live");

let emu: RunningEmulator;
let watch: Watch;
let service: Service;
let live: Live;

const world = routeWorldForFile({ name: "policies", env: { GAVEL_POLL_INTERVAL_MS: "1000" } });

beforeAll(async () => {
  emu = world.emu;
  watch = await import("./watch");
  service = await import("./service");
  live = await import("../../conferences/server/live");
});

afterAll(() => {
  watch?.policyWatcher.stopAll();
});

let seq = 0;
const alice = () => ({
  actor: { id: "u-alice", email: "alice@gavel.test", role: "moderator" as const },
  requestId: `req-${process.pid}-${++seq}`,
  clientAddress: "127.0.0.1",
});

function room(prefix: string, clis: string[]) {
  const id = `${prefix}-${process.pid}-${++seq}`;
  emu.state.putRoom(
    id,
    clis.map((cli) => ({ cli })),
  );
  return id;
}

const state = (id: string, cli: string) => emu.state.getRoomView(id)?.participants.find((p) => p.cli === cli);

/** One watcher round on a list fetched now (the cache's window is dropped, as time passing would). */
async function round(id: string) {
  live.invalidateLive(id);
  await watch.policyWatcher.tick(id);
}

async function auditActors(id: string) {
  const { db } = await import("../../db");
  const { auditForConference } = await import("../../db/audit");
  const rows = await auditForConference(await db(), id, 50);
  return rows.map((r) => ({ action: r.action, actor: r.actor_email, target: r.target_number, outcome: r.outcome }));
}

describe("mute on entry", () => {
  it("leaves those already in the room alone, mutes a new joiner, and spares a speaker", async () => {
    const id = room("moe", ["+46701110001"]);
    await service.updateSpeakers(alice(), id, { speakers: [{ number: "+46 70 111 00 03" }] });
    // Turning it on starts the watcher, whose first round only learns who is there.
    await service.updatePolicies(alice(), id, { muteOnEntry: true });
    expect(watch.policyWatcher.watching(id)).toBe(true);
    expect(state(id, "+46701110001")?.muted).toBe(false);

    emu.state.addParticipant(id, { cli: "+46701110002" });
    emu.state.addParticipant(id, { cli: "+46701110003" }); // the speaker
    await round(id);
    expect(state(id, "+46701110002")?.muted).toBe(true);
    expect(state(id, "+46701110003")?.muted).toBe(false);
    expect(state(id, "+46701110001")?.muted).toBe(false);

    // Audited as done by the policy, naming who set it.
    expect(await auditActors(id)).toContainEqual({
      action: "participant.mute",
      actor: "policy: mute on entry (set by alice@gavel.test)",
      target: "+46701110002",
      outcome: "succeeded",
    });
    // Acts on joiners once: unmuted by a moderator, they stay unmuted.
    emu.state.manageParticipant(
      id,
      emu.state.getRoomView(id)!.participants.find((p) => p.cli === "+46701110002")!.callId,
      { command: "unmute" },
    );
    await round(id);
    expect(state(id, "+46701110002")?.muted).toBe(false);
    watch.policyWatcher.stop(id);
  });

  it("polls on its own, every poll window, with nobody's page open", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const id = room("timer", ["+46701120001"]);
      await service.updatePolicies(alice(), id, { muteOnEntry: true });
      emu.state.addParticipant(id, { cli: "+46701120002" });
      live.invalidateLive(id);
      expect(state(id, "+46701120002")?.muted).toBe(false);
      await vi.advanceTimersByTimeAsync(1000);
      // The round the interval started works over real HTTP: wait for its effect.
      await waitFor(() => state(id, "+46701120002")?.muted || undefined, { what: "the joiner muted" });
      watch.policyWatcher.stop(id);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("lobby", () => {
  it("holds a new joiner with the lobby's music, lists them as waiting, and Admit resumes then mutes", async () => {
    const id = room("lobby", ["+46701130001"]);
    await service.updatePolicies(alice(), id, { lobby: { on: true, moh: "music3" }, muteOnEntry: true });
    emu.state.addParticipant(id, { cli: "+46701130002" });
    await round(id);
    expect(state(id, "+46701130002")).toMatchObject({ onhold: true, moh: "music3", muted: false });
    expect(state(id, "+46701130001")).toMatchObject({ onhold: false });
    const view = await service.policiesView(id);
    expect(view.waiting.map((w) => w.cli)).toEqual(["+46701130002"]);

    const callId = view.waiting[0]!.callId;
    expect(await service.admit(alice(), id, callId)).toEqual({ ok: true });
    expect(state(id, "+46701130002")).toMatchObject({ onhold: false, muted: true });
    expect((await service.policiesView(id)).waiting).toEqual([]);
    const actors = await auditActors(id);
    expect(actors).toContainEqual(
      expect.objectContaining({ action: "participant.hold", actor: "policy: lobby (set by alice@gavel.test)" }),
    );
    expect(actors).toContainEqual(expect.objectContaining({ action: "participant.resume", actor: "alice@gavel.test" }));
    watch.policyWatcher.stop(id);
  });

  it("lets speakers straight in, and drops from Waiting whoever left or was resumed elsewhere", async () => {
    const id = room("lobby2", []);
    await service.updateSpeakers(alice(), id, { speakers: [{ number: "+46701140009" }] });
    await service.updatePolicies(alice(), id, { lobby: { on: true, moh: "ring" } });
    emu.state.addParticipant(id, { cli: "+46701140009" });
    const a = emu.state.addParticipant(id, { cli: "+46701140001" });
    const b = emu.state.addParticipant(id, { cli: "+46701140002" });
    await round(id);
    expect(state(id, "+46701140009")?.onhold).toBe(false);
    expect(state(id, "+46701140001")).toMatchObject({ onhold: true, moh: "ring" });
    expect(
      watch.policyWatcher
        .waiting(id)
        .map((w) => w.cli)
        .sort(),
    ).toEqual(["+46701140001", "+46701140002"]);
    emu.state.manageParticipant(id, a.callId, { command: "resume" });
    emu.state.kickParticipant(id, b.callId);
    await round(id);
    expect(watch.policyWatcher.waiting(id)).toEqual([]);
    watch.policyWatcher.stop(id);
  });
});

describe("stopping", () => {
  it("stops once the room has been empty for the idle time, and when every policy is off", async () => {
    const { createPolicyWatcher } = await import("./watcher");
    let now = 1_000_000;
    const watcher = createPolicyWatcher({
      getLive: live.getLive,
      loadPolicy: watch.loadWatchedPolicy,
      mute: () => Promise.resolve(),
      hold: () => Promise.resolve(),
      windowMs: () => 60_000,
      idleStopMs: () => 5 * 60_000,
      concurrency: () => 2,
      now: () => now,
    });
    const id = room("idle", ["+46701150001"]);
    await service.updatePolicies(alice(), id, { muteOnEntry: true });
    watch.policyWatcher.stop(id);
    await watcher.start(id);
    emu.state.kickAll(id);
    now += 4 * 60_000;
    live.invalidateLive(id);
    await watcher.tick(id);
    expect(watcher.watching(id)).toBe(true);
    now += 60_000;
    live.invalidateLive(id);
    await watcher.tick(id);
    expect(watcher.watching(id)).toBe(false);

    // Every policy off: the next round stops it, however full the room.
    const full = room("off", ["+46701160001"]);
    await service.updatePolicies(alice(), full, { muteOnEntry: true });
    watch.policyWatcher.stop(full);
    await watcher.start(full);
    await service.updatePolicies(alice(), full, { muteOnEntry: false });
    watch.policyWatcher.stop(full);
    live.invalidateLive(full);
    await watcher.tick(full);
    expect(watcher.watching(full)).toBe(false);
  });
});

describe("mute all except speakers", () => {
  it("mutes everyone in the room but the speakers, as one audited bulk", async () => {
    const id = room("mas", ["+46701170001", "+46701170002", "+46701170003"]);
    await service.updateSpeakers(alice(), id, { speakers: [{ number: "+46701170002" }] });
    const r = await service.muteExceptSpeakers(alice(), id);
    expect(r).toMatchObject({ action: "mute", succeeded: 2, failed: 0 });
    expect(state(id, "+46701170001")?.muted).toBe(true);
    expect(state(id, "+46701170002")?.muted).toBe(false);
    expect(state(id, "+46701170003")?.muted).toBe(true);
    expect(await auditActors(id)).toContainEqual(
      expect.objectContaining({ action: "bulk.mute", actor: "alice@gavel.test" }),
    );
  });
});
