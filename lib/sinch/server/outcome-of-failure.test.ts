/**
 * outcomeOfFailure against the real client and the emulator: "unknown" only when
 * Sinch may have carried the command out without saying so readably; "failed" when
 * it refused, or when the request never reached it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../emulator";
import { outcomeOfFailure } from "../errors";
import { SinchClient } from "./client";

const KEY = "5A7D3C1E-0B2F-4E6A-9C8D-1F2E3D4C5B6A";
const SECRET = "c2VjcmV0LWZvci1vdXRjb21lLXRlc3Rz";

let emu: RunningEmulator;
let client: SinchClient;
let callId: string;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET });
  client = new SinchClient({ applicationKey: KEY, applicationSecret: SECRET, baseUrl: emu.url, timeoutMs: 300 });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  emu.reset();
  callId = emu.state.putRoom("room", [{ cli: "+46701234567" }]).participants[0]!.callId;
});

async function outcomeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "succeeded";
  } catch (e) {
    return outcomeOfFailure(e);
  }
}

const mute = () => client.manageParticipant("room", callId, { command: "mute" });
const callout = () =>
  client.placeCallout({
    method: "conferenceCallout",
    conferenceCallout: { destination: { type: "number", endpoint: "+46708168731" }, conferenceId: "room" },
  });

describe("outcomeOfFailure", () => {
  it("is unknown when Sinch answers past the timeout, carried out or not", async () => {
    emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "lateAnswer", ms: 900 } });
    expect(await outcomeOf(mute())).toBe("unknown");
    emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "hang" } });
    expect(await outcomeOf(mute())).toBe("unknown");
  });

  it("is unknown when the connection drops after the request was sent", async () => {
    emu.faults.add({ match: { operation: "kickParticipant" }, count: 1, fault: { type: "droppedAnswer" } });
    expect(await outcomeOf(client.kickParticipant("room", callId))).toBe("unknown");
  });

  it("is unknown when a callout's 2xx has no readable callId", async () => {
    emu.faults.add({ match: { operation: "placeCallout" }, count: 1, fault: { type: "unreadableAnswer" } });
    expect(await outcomeOf(callout())).toBe("unknown");
  });

  it("is failed when Sinch refuses, a 503 or 429 with a readable body included", async () => {
    emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "status", status: 503 } });
    expect(await outcomeOf(mute())).toBe("failed");
    emu.faults.add({
      match: { operation: "manageParticipant" },
      count: 1,
      fault: { type: "status", status: 429, retryAfter: 1 },
    });
    expect(await outcomeOf(mute())).toBe("failed");
    expect(await outcomeOf(client.manageParticipant("room", "no-such-call", { command: "mute" }))).toBe("failed");
  });

  it("is failed when the request never reached Sinch (connection refused)", async () => {
    const closed = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET });
    const url = closed.url;
    await closed.close();
    const nowhere = new SinchClient({ applicationKey: KEY, applicationSecret: SECRET, baseUrl: url, timeoutMs: 300 });
    expect(await outcomeOf(nowhere.manageParticipant("room", callId, { command: "mute" }))).toBe("failed");
  });

  it("is failed for anything that is not a Sinch error (thrown before sending)", () => {
    expect(outcomeOfFailure(new Error("validation"))).toBe("failed");
  });
});
