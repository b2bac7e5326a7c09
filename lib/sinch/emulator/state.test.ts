/** The simulation in-process, for what is slow or awkward to reach over HTTP. */
import { describe, expect, it } from "vitest";
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
