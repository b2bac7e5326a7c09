import { describe, expect, it } from "vitest";
import { advance, stateFromCallInfo } from "./state";

describe("stateFromCallInfo", () => {
  it("maps Sinch's status and result", () => {
    expect(stateFromCallInfo({ status: "ONGOING", result: "N/A" }, false)).toBe("dialing");
    expect(stateFromCallInfo({ status: "ONGOING", result: "ANSWERED" }, false)).toBe("answered");
    expect(stateFromCallInfo({ status: "ONGOING", result: "ANSWERED" }, true)).toBe("joined");
    expect(stateFromCallInfo({ status: "FINAL", result: "BUSY" }, false)).toBe("busy");
    expect(stateFromCallInfo({ status: "FINAL", result: "NOANSWER" }, false)).toBe("no_answer");
    expect(stateFromCallInfo({ status: "FINAL", result: "FAILED" }, false)).toBe("failed");
    expect(stateFromCallInfo({ status: "FINAL", result: "ANSWERED" }, true)).toBe("ended");
    expect(stateFromCallInfo({ status: "FINAL", result: "N/A" }, false)).toBe("ended");
    expect(stateFromCallInfo({}, false)).toBe("dialing");
  });
});

describe("advance", () => {
  it("never moves backwards, and a final state is final", () => {
    expect(advance("dialing", "answered")).toBe("answered");
    expect(advance("joined", "answered")).toBe("joined");
    expect(advance("joined", "ended")).toBe("ended");
    expect(advance("busy", "dialing")).toBe("busy");
    expect(advance("failed", "ended")).toBe("failed");
    expect(advance("placing", "dialing")).toBe("dialing");
  });
});
