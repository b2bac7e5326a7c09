import { describe, expect, it } from "vitest";
import { holdBadge, mohLabel, withMusic } from "./hold-music";
import type { LiveParticipant } from "./types";
import { applyPending } from "./view";

const p = (callId: string, over: Partial<LiveParticipant> = {}): LiveParticipant => ({
  callId,
  cli: "+46708168731",
  duration: 10,
  muted: false,
  onhold: false,
  label: null,
  ...over,
});

describe("hold music names", () => {
  it("names the four classes and nothing else", () => {
    expect(["ring", "music1", "music2", "music3"].map(mohLabel)).toEqual([
      "Ring tone",
      "Music 1",
      "Music 2",
      "Music 3",
    ]);
    expect(mohLabel("music9")).toBeNull();
    expect(mohLabel(undefined)).toBeNull();
  });

  it("the badge names the music only when Gavel's own hold named it", () => {
    expect(holdBadge("music2").text).toBe("On hold · Music 2");
    expect(holdBadge("music2").title).toMatch(/Gavel put this participant on hold with Music 2/);
    expect(holdBadge(null).text).toBe("On hold");
    expect(holdBadge(undefined).text).toBe("On hold");
    expect(holdBadge(null).title).toMatch(/not known/);
  });

  it("a timeline entry's params give ' with Music 2'", () => {
    expect(withMusic({ moh: "music2" })).toBe(" with Music 2");
    expect(withMusic({ moh: "nonsense" })).toBe("");
    expect(withMusic(null)).toBe("");
  });
});

describe("a hold in flight on the console's list", () => {
  it("shows the music asked for at once, and a resume removes it", () => {
    const list = [p("a"), p("b", { onhold: true, holdMusic: "music1" })];
    const held = applyPending(list, [{ kind: "command", callId: "a", command: "onhold", moh: "music2" }]);
    expect(held.participants[0]).toMatchObject({ onhold: true, holdMusic: "music2" });
    const resumed = applyPending(list, [{ kind: "command", callId: "b", command: "resume" }]);
    expect(resumed.participants[1]).toEqual(p("b"));
  });

  it("a bulk hold carries its music to every target", () => {
    const list = [p("a"), p("b")];
    const view = applyPending(list, [{ kind: "bulk", action: "hold", targets: ["a", "b"], moh: "ring" }]);
    expect(view.participants.map((x) => x.holdMusic)).toEqual(["ring", "ring"]);
  });

  it("a hold whose music is not known here keeps the music the server named", () => {
    const list = [p("a", { onhold: true, holdMusic: "music3" })];
    const view = applyPending(list, [{ kind: "command", callId: "a", command: "onhold", unconfirmed: "r1" }]);
    expect(view.participants[0]).toBe(list[0]);
  });
});
