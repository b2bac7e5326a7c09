/**
 * The client's onAttempt hook (what Gavel's metrics and readiness check hear of
 * Sinch): every attempt of every request, with its HTTP status, or "timeout" /
 * "network" when no answer came; a caller's own abort is not Sinch's failure.
 * Against the emulator over real HTTP, faults injected through its control API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../emulator/index";
import { waitFor } from "../emulator/testing/http";
import { SinchClient, type SinchAttempt } from "./client";

const KEY = "attempts-test-key";
const SECRET = "JViE5vDor0Sw3WllZka15Q==";
let emu: RunningEmulator;

function client(heard: SinchAttempt[], timeoutMs = 2000): SinchClient {
  return new SinchClient({
    applicationKey: KEY,
    applicationSecret: SECRET,
    baseUrl: emu.url,
    timeoutMs,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 },
    onAttempt: (a) => heard.push(a),
  });
}

const settle = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    () => undefined,
  );

beforeAll(async () => {
  emu = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET, ringMs: 0 });
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(() => {
  emu.faults.clear();
});

describe("onAttempt", () => {
  it("hears each answered attempt's status, retries included", async () => {
    const heard: SinchAttempt[] = [];
    emu.faults.add({ match: { operation: "getConference" }, count: 1, fault: { type: "status", status: 503 } });
    await client(heard).getConference("attempts-room");
    expect(heard.map((a) => [a.operation, a.status])).toEqual([
      ["getConference", 503],
      ["getConference", 404],
    ]);
    expect(heard.every((a) => a.latencyMs >= 0)).toBe(true);
  });

  it('hears "timeout" for an attempt Sinch never answered in time', async () => {
    const heard: SinchAttempt[] = [];
    emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "hang" } });
    await settle(client(heard, 200).manageParticipant("room", "call", { command: "mute" }));
    expect(heard.map((a) => [a.operation, a.status])).toEqual([["manageParticipant", "timeout"]]);
  });

  it('hears "network" for each dropped connection', async () => {
    const heard: SinchAttempt[] = [];
    emu.faults.add({ match: { operation: "getCall" }, count: 5, fault: { type: "drop" } });
    await settle(client(heard).getCall("dropped"));
    expect(heard.map((a) => a.status)).toEqual(["network", "network", "network"]);
  });

  it("hears nothing of a request its caller aborted", async () => {
    const heard: SinchAttempt[] = [];
    emu.faults.add({ match: { operation: "getConference" }, count: 1, fault: { type: "hang" } });
    const abort = new AbortController();
    const pending = settle(client(heard).getConference("aborted", { signal: abort.signal }));
    // Aborted once the request is on the wire (the emulator has it), not before it left.
    await waitFor(() => (emu.requests.since(0).some((r) => r.decodedPath.includes("aborted")) ? true : undefined));
    abort.abort(new Error("the viewer left"));
    await pending;
    expect(heard).toEqual([]);
  });
});
