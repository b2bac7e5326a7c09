/**
 * Destination numbers with a scripted outcome, so a person or a test can see
 * every way a callout ends without a real phone. All are in Ofcom's ranges
 * reserved for drama (they never reach a real subscriber), and the last three
 * digits are the matching SIP status: 486 Busy Here, 408 Request Timeout,
 * 500 Server Internal Error.
 *
 *   +447700900486  +442079460486  busy: rings briefly (ringMs / 2), then FINAL / BUSY / N/A
 *   +447700900408  +442079460408  no answer: rings 3 x ringMs, then FINAL / NOANSWER / TIMEOUT
 *   +447700900500  +442079460500  failure: after ringMs / 4, FINAL / FAILED / GENERALERROR
 *
 * Why two of each: the 07700 900xxx mobile drama range is rejected by
 * libphonenumber (isValidPhoneNumber is false for it, in the min, max and mobile
 * metadata), so a console that validates numbers with libphonenumber-js cannot
 * dial it. The London drama range 020 7946 0xxx is valid for libphonenumber.
 *
 * Any other destination answers after ringMs.
 */
import type { CallReason, CallResult } from "../schemas";

export type SpecialOutcome = "busy" | "noAnswer" | "failed";

export interface SpecialNumberBehaviour {
  outcome: SpecialOutcome;
  result: CallResult;
  reason: CallReason;
  /** How long the call rings before it ends, as a multiple of the ringMs setting. */
  ringFactor: number;
  description: string;
}

const BUSY: SpecialNumberBehaviour = {
  outcome: "busy",
  result: "BUSY",
  reason: "N/A",
  ringFactor: 0.5,
  description: "busy: rings briefly, then FINAL / BUSY / N/A",
};
const NO_ANSWER: SpecialNumberBehaviour = {
  outcome: "noAnswer",
  result: "NOANSWER",
  reason: "TIMEOUT",
  ringFactor: 3,
  description: "no answer: rings three times as long as usual, then FINAL / NOANSWER / TIMEOUT",
};
const FAILED: SpecialNumberBehaviour = {
  outcome: "failed",
  result: "FAILED",
  reason: "GENERALERROR",
  ringFactor: 0.25,
  description: "network failure: FINAL / FAILED / GENERALERROR almost at once",
};

export const SPECIAL_NUMBERS: Readonly<Record<string, SpecialNumberBehaviour>> = Object.freeze({
  "+447700900486": BUSY,
  "+447700900408": NO_ANSWER,
  "+447700900500": FAILED,
  "+442079460486": BUSY,
  "+442079460408": NO_ANSWER,
  "+442079460500": FAILED,
});

/** The scripted behaviour of a destination, or undefined when it simply answers. */
export function specialNumber(endpoint: string): SpecialNumberBehaviour | undefined {
  return Object.hasOwn(SPECIAL_NUMBERS, endpoint) ? SPECIAL_NUMBERS[endpoint] : undefined;
}
