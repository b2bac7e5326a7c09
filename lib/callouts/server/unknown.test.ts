/**
 * Callouts whose placement is unknown, against the real emulator: Sinch answers the
 * POST after Gavel's timeout (the call was placed) or never (it was not). The callout
 * says "may have been placed" (state unknown, answered with outcome unknown), and the
 * server decides it from the conference: joined, with the callId found in the room,
 * or failed ("not placed") three poll windows after the first list without it.
 * Retry asks first: without confirmUnknown it is a conflict naming the risk.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../sinch/emulator/testing/http";
import { calloutsTo, conf, emulator, service, startCalloutService, support } from "./test-service";

startCalloutService();

beforeAll(async () => {
  // Short windows and timeout, after the service's own environment.
  Object.assign(process.env, { SINCH_TIMEOUT_MS: "1000", GAVEL_POLL_INTERVAL_MS: "1000" });
  (await import("../../config/env")).resetConfigForTests();
});

function conferenceCallout(conferenceId: string, number: string) {
  return service.serverSchemas().callout.parse({
    type: "conference",
    destination: { type: "number", endpoint: number },
    conferenceId,
  });
}

/** The callout as stored, once it has left "unknown" (the reconciler polls on its own). */
function decided(calloutId: string) {
  return waitFor(
    async () => {
      const c = await service.getCallout(calloutId);
      return c && c.state !== "unknown" ? c : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 100, what: "the callout decided" },
  );
}

describe("a conference callout whose placement is unknown", () => {
  it("placed but answered late: may have been placed, then joined with the callId from the room", async () => {
    const conferenceId = conf("late-callout");
    emulator.faults.add({ match: { operation: "placeCallout" }, count: 1, fault: { type: "lateAnswer", ms: 1500 } });
    const r = await service.placeCallout(support, conferenceCallout(conferenceId, "+12025550161"));
    expect(r).toMatchObject({ outcome: "unknown", requestId: support.requestId, replayed: false });
    expect(r.callout).toMatchObject({ state: "unknown", callId: null });
    expect(calloutsTo(conferenceId)).toHaveLength(1);

    const c = await decided(r.callout.id);
    const inRoom = emulator.state.getRoomView(conferenceId)?.participants.find((p) => p.cli === "+12025550161");
    expect(inRoom).toBeDefined();
    expect(c).toMatchObject({ state: "joined", callId: inRoom?.callId });
  });

  it("never carried out: may have been placed, then failed as not placed", async () => {
    const conferenceId = conf("hang-callout");
    emulator.faults.add({ match: { operation: "placeCallout" }, count: 1, fault: { type: "hang" } });
    const r = await service.placeCallout(support, conferenceCallout(conferenceId, "+12025550162"));
    expect(r.callout.state).toBe("unknown");
    const c = await decided(r.callout.id);
    expect(c).toMatchObject({ state: "failed", callId: null });
    expect(c.errorMessage).toMatch(/^Not placed/);
    expect(emulator.state.listCalls().some((call) => call.to?.endpoint === "+12025550162")).toBe(false);
  });

  it("is retried only when the person confirms the phone may ring twice", async () => {
    const conferenceId = conf("retry-unknown");
    emulator.faults.add({ match: { operation: "placeCallout" }, count: 1, fault: { type: "hang" } });
    const r = await service.placeCallout(support, conferenceCallout(conferenceId, "+12025550163"));
    expect(r.callout.state).toBe("unknown");

    await expect(service.retryCallout(support, r.callout.id, undefined)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("ring the phone twice"),
    });
    expect(calloutsTo(conferenceId)).toHaveLength(1);

    const again = await service.retryCallout(support, r.callout.id, undefined, true);
    expect(again.callout).toMatchObject({ state: "dialing", retryOf: r.callout.id });
    expect(calloutsTo(conferenceId)).toHaveLength(2);
  });
});
