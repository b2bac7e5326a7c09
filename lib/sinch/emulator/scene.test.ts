/**
 * The sandbox scene, on a bare simulation (no server, no timers): the scene is
 * never switched on in the HTTP tests, where its random churn would get in the way.
 */
import { isValidPhoneNumber } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { SCENE_CONFERENCES, SCENE_PEOPLE, Scene } from "./scene";
import { SPECIAL_NUMBERS } from "./special-numbers";
import { DEFAULT_SETTINGS, EmulatorState } from "./state";

/** A deterministic stand-in for Math.random (a small LCG). */
function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

describe("sandbox scene", () => {
  it("seeds three live conferences: people muted, exactly one on hold, durations running", () => {
    const state = new EmulatorState(DEFAULT_SETTINGS);
    new Scene(state, undefined, seededRandom(1)).seed();
    const rooms = state.listRooms();
    expect(rooms.map((r) => [r.conferenceId, r.participants.length])).toEqual([
      ["weekly-sync", 8],
      ["support-standup", 4],
      ["board-briefing", 3],
    ]);
    const everyone = rooms.flatMap((r) => r.participants);
    expect(everyone.filter((p) => p.onhold)).toHaveLength(1);
    expect(everyone.filter((p) => p.muted).length).toBeGreaterThanOrEqual(3);
    for (const p of everyone) {
      expect(p.duration).toBeGreaterThanOrEqual(60);
      expect(p.custom).toMatch(/^.+ \(.+\)$/);
      expect(state.getCallView(p.callId)).toMatchObject({ status: "ONGOING", result: "ANSWERED", kind: "scene" });
    }
    expect(new Set(everyone.map((p) => p.cli)).size).toBe(everyone.length);
  });

  it("churn keeps every room alive and at most 12 strong, and never seats anyone twice", () => {
    const state = new EmulatorState(DEFAULT_SETTINGS);
    const scene = new Scene(state, undefined, seededRandom(42));
    scene.seed();
    let joins = 0;
    let leaves = 0;
    for (let i = 0; i < 500; i++) {
      const before = state.listRooms().reduce((n, r) => n + r.participants.length, 0);
      scene.tick();
      const after = state.listRooms().reduce((n, r) => n + r.participants.length, 0);
      if (after > before) joins++;
      if (after < before) leaves++;
      const rooms = state.listRooms();
      expect(rooms.map((r) => r.conferenceId).sort()).toEqual([...SCENE_CONFERENCES].sort());
      const clis = rooms.flatMap((r) => r.participants.map((p) => p.cli));
      expect(new Set(clis).size).toBe(clis.length);
      for (const r of rooms) expect(r.participants.length).toBeGreaterThanOrEqual(1);
      for (const r of rooms) expect(r.participants.length).toBeLessThanOrEqual(12);
    }
    expect(joins).toBeGreaterThan(50);
    expect(leaves).toBeGreaterThan(50);
  });

  it("re-creates a room that a person kicked everyone out of", () => {
    const state = new EmulatorState(DEFAULT_SETTINGS);
    const scene = new Scene(state, undefined, seededRandom(7));
    scene.seed();
    state.kickAll("board-briefing");
    for (let i = 0; i < 200 && !state.getRoomView("board-briefing"); i++) scene.tick();
    expect(state.getRoomView("board-briefing")?.participants.length).toBeGreaterThan(0);
  });

  it("start and stop manage a single unref'ed timer", () => {
    const state = new EmulatorState(DEFAULT_SETTINGS);
    const scene = new Scene(state);
    scene.start();
    expect(scene.running).toBe(true);
    scene.start(); // re-seeds, still one timer
    expect(state.listRooms()).toHaveLength(3);
    scene.stop();
    expect(scene.running).toBe(false);
  });
});

describe("numbers", () => {
  it("every scene number is valid for libphonenumber (what Gavel's forms validate with)", () => {
    for (const person of SCENE_PEOPLE) expect(isValidPhoneNumber(person.cli), person.cli).toBe(true);
  });

  it("scene numbers never collide with the special numbers", () => {
    for (const person of SCENE_PEOPLE) expect(Object.keys(SPECIAL_NUMBERS)).not.toContain(person.cli);
  });

  it("the London drama-range special numbers are valid for libphonenumber", () => {
    const london = Object.keys(SPECIAL_NUMBERS).filter((n) => n.startsWith("+44207946"));
    expect(london).toHaveLength(3);
    for (const n of london) expect(isValidPhoneNumber(n), n).toBe(true);
  });
});
