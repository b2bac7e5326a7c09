/** The simulation in-process, for what is slow or awkward to reach over HTTP. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SETTINGS, EmulatorState, MAX_CALL_RECORDS } from "./state";

describe("call records", () => {
  it(`keeps at most ${MAX_CALL_RECORDS} calls, dropping the oldest finished ones first`, () => {
    const state = new EmulatorState(DEFAULT_SETTINGS);
    state.putRoom("live", [{ cli: "+46701740605", callId: "oldest-but-ongoing" }]);
    for (let i = 0; i < MAX_CALL_RECORDS + 50; i++) {
      const p = state.addParticipant("churn", { cli: "+12025550143", callId: `c${i}` });
      state.hangUpParticipant("churn", p.callId);
    }
    expect(state.calls.size).toBe(MAX_CALL_RECORDS);
    expect(state.getCallView("oldest-but-ongoing")?.status).toBe("ONGOING");
    expect(state.getCallView("c0")).toBeUndefined();
    expect(state.getCallView(`c${MAX_CALL_RECORDS + 49}`)?.reason).toBe("CALLEEHANGUP");
  });
});

describe("simulated time (fake timers: what the simulation schedules, not how long a machine takes)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a TTS callout rings, then speaks for its text's length, then the caller side hangs up", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const state = new EmulatorState({ ...DEFAULT_SETTINGS, ringMs: 500, speechMsPerChar: 2 });
    const callId = state.placeCallout({
      method: "ttsCallout",
      ttsCallout: { destination: { type: "number", endpoint: "+61491570156" }, text: "x".repeat(600) },
    });
    const view = () => state.getCallView(callId);
    vi.advanceTimersByTime(499);
    expect(view()).toMatchObject({ status: "ONGOING", result: "N/A" });
    vi.advanceTimersByTime(1);
    expect(view()).toMatchObject({ status: "ONGOING", result: "ANSWERED" });
    // 600 characters at 2 ms each: 1200 ms of speech.
    vi.advanceTimersByTime(1199);
    expect(view()?.status).toBe("ONGOING");
    vi.advanceTimersByTime(1);
    expect(view()).toMatchObject({ status: "FINAL", result: "ANSWERED", reason: "CALLERHANGUP" });
  });

  it("a short TTS message still speaks for the floor (17 characters at the default rate: 1020 ms)", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const state = new EmulatorState({ ...DEFAULT_SETTINGS, ringMs: 0 });
    const callId = state.placeCallout({
      method: "ttsCallout",
      ttsCallout: { destination: { type: "number", endpoint: "+61491570156" }, text: "Hi" },
    });
    vi.advanceTimersByTime(0);
    expect(state.getCallView(callId)?.result).toBe("ANSWERED");
    vi.advanceTimersByTime(1019);
    expect(state.getCallView(callId)?.status).toBe("ONGOING");
    vi.advanceTimersByTime(1);
    expect(state.getCallView(callId)?.status).toBe("FINAL");
  });
});
