/**
 * A custom callout's SVAML is bounded in size and depth (issue 11, finding 9): SVAML
 * nested 9,000 deep gave a 500 (re-serialising it overflowed the stack); it is now a
 * field error that says how deep it goes and how deep SVAML may go.
 */
import { describe, expect, it } from "vitest";
import { SVAML_MAX_DEPTH } from "../sinch/svaml";
import { calloutSchemas, fieldErrors } from "./forms";

const schemas = calloutSchemas({ callerIds: [], defaultCountry: "US" });
const custom = (ice: string) => ({ type: "custom", destination: { type: "number", endpoint: "+12025550143" }, ice });

function nested(depth: number): string {
  return `{"instructions":[${"[".repeat(depth - 2)}${"]".repeat(depth - 2)}],"action":{"name":"hangup"}}`;
}

describe("SVAML bounds", () => {
  it("refuses SVAML nested 9,000 deep with a clear error, not a stack overflow", () => {
    const result = schemas.callout.safeParse(custom(nested(9_000)));
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      ice: `nests 9000 levels deep: SVAML goes at most ${SVAML_MAX_DEPTH} levels deep`,
    });
  });

  it("accepts SVAML at the depth limit, and real SVAML", () => {
    expect(schemas.callout.safeParse(custom(nested(SVAML_MAX_DEPTH))).success).toBe(true);
    expect(schemas.callout.safeParse(custom(nested(SVAML_MAX_DEPTH + 1))).success).toBe(false);
    const recording = JSON.stringify({
      instructions: [{ name: "startRecording", options: { transcriptionOptions: { enabled: true, locale: "en-US" } } }],
      action: { name: "connectConf", conferenceId: "room" },
    });
    expect(schemas.callout.safeParse(custom(recording)).success).toBe(true);
  });

  it("refuses SVAML over 20,000 characters", () => {
    const long = JSON.stringify({
      instructions: [{ name: "say", text: "x".repeat(20_000) }],
      action: { name: "hangup" },
    });
    expect(fieldErrors(schemas.callout.safeParse(custom(long)).error!)).toEqual({
      ice: "must be at most 20000 characters",
    });
  });
});
