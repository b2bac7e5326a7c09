import { describe, expect, it } from "vitest";
import { ghostCallouts } from "./ghost-rows";
import type { CalloutState } from "../vocabulary/callouts";
import type { CalloutView } from "./contract";

const NOW = Date.parse("2026-01-01T12:00:00Z");
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

function callout(id: string, state: CalloutState, extra: Partial<CalloutView> = {}): CalloutView {
  const final = ["busy", "no_answer", "failed", "ended"].includes(state);
  return {
    id,
    type: "conference",
    state,
    final,
    callId: `call-${id}`,
    destination: { type: "number", endpoint: "+12025550143" },
    cli: null,
    conferenceId: "c",
    label: null,
    result: null,
    reason: null,
    durationSeconds: null,
    error: null,
    actorEmail: null,
    batchId: null,
    retryOf: null,
    request: {
      method: "conferenceCallout",
      conferenceCallout: { destination: { type: "number", endpoint: "+12025550143" }, conferenceId: "c" },
    },
    createdAt: ago(20),
    updatedAt: ago(1),
    joinedAt: null,
    endedAt: final ? ago(1) : null,
    ...extra,
  };
}

describe("ghostCallouts", () => {
  it("keeps calls in progress until their callee is in the participant list", () => {
    const rows = [callout("a", "dialing"), callout("b", "joined"), callout("c", "answered")];
    expect(ghostCallouts(rows, new Set(["call-b"]), NOW).map((c) => c.id)).toEqual(["a", "c"]);
  });

  it("keeps calls that did not connect for ten minutes, and drops dismissed ones", () => {
    const rows = [
      callout("busy", "busy"),
      callout("old", "no_answer", { endedAt: ago(11) }),
      callout("failed", "failed", { callId: null, endedAt: null, updatedAt: ago(2) }),
      callout("gone", "busy"),
    ];
    expect(ghostCallouts(rows, new Set(), NOW, new Set(["gone"])).map((c) => c.id)).toEqual(["busy", "failed"]);
  });

  it("drops a callee who joined and has left since, but keeps one who hung up before joining", () => {
    const rows = [callout("left", "ended", { joinedAt: ago(5) }), callout("hungup", "ended")];
    expect(ghostCallouts(rows, new Set(), NOW).map((c) => c.id)).toEqual(["hungup"]);
  });
});
