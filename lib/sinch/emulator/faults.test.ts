/**
 * The faults that carry the command out and then spoil the answer (lateAnswer,
 * droppedAnswer, unreadableAnswer), beside one that does not carry it out, and the
 * respond fault. Driven with Gavel's own client over real HTTP; the emulator's
 * state and request log say what really happened.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SinchInvalidResponseError, SinchNetworkError, SinchTimeoutError } from "../errors";
import { paths } from "../schemas";
import { SinchClient } from "../server/client";
import { startEmulator, type RunningEmulator } from "./index";
import { ControlClient, sinchRequest, waitFor } from "./testing/http";

const KEY = "faults-test-key";
const SECRET = "JViE5vDor0Sw3WllZka15Q==";
const TIMEOUT_MS = 300;

let emu: RunningEmulator;
let control: ControlClient;
let client: SinchClient;

beforeAll(async () => {
  emu = await startEmulator({ applicationKey: KEY, applicationSecret: SECRET, ringMs: 20 });
  control = new ControlClient(emu.url);
  client = new SinchClient({
    applicationKey: KEY,
    applicationSecret: SECRET,
    baseUrl: emu.url,
    timeoutMs: TIMEOUT_MS,
    retry: { maxRetries: 0 },
  });
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await control.reset();
  await control.putRoom("weekly", [
    { cli: "+46701740605", callId: "ana" },
    { cli: "+12025550143", callId: "ben" },
  ]);
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the request to fail");
}

const participant = async (callId: string) =>
  (await control.room("weekly"))?.participants.find((p) => p.callId === callId);

describe("carried out, answered late", () => {
  it("a mute past the client's timeout has happened although the client timed out", async () => {
    await control.addFault({ match: { operation: "manageParticipant" }, fault: { type: "lateAnswer", ms: 1500 } });
    const e = await failure(client.manageParticipant("weekly", "ana", { command: "mute" }));
    expect(e).toBeInstanceOf(SinchTimeoutError);
    // Well before the late answer would leave: the command took effect at once.
    expect((await participant("ana"))?.muted).toBe(true);
    const [logged] = await control.requests();
    expect(logged).toMatchObject({ operation: "manageParticipant", fault: "lateAnswer", status: null });
    // The answer still goes out (to nobody) and is logged when it does.
    await waitFor(async () => ((await control.requests())[0]?.status === 200 ? true : undefined), {
      timeoutMs: 3000,
      what: "the late answer",
    });
  });

  it("a late answer within the timeout is an ordinary success", async () => {
    await control.addFault({ match: { operation: "kickParticipant" }, fault: { type: "lateAnswer", ms: 50 } });
    await client.kickParticipant("weekly", "ben");
    expect(await participant("ben")).toBeUndefined();
  });

  it("unlike latency, which carries the command out only after the wait", async () => {
    await control.addFault({ match: { operation: "manageParticipant" }, fault: { type: "latency", ms: 1500 } });
    expect(await failure(client.manageParticipant("weekly", "ana", { command: "mute" }))).toBeInstanceOf(
      SinchTimeoutError,
    );
    expect((await participant("ana"))?.muted).toBe(false);
  });
});

describe("carried out, connection dropped", () => {
  it("a kick whose connection drops after it was carried out: the person is gone", async () => {
    await control.addFault({ match: { operation: "kickParticipant" }, fault: { type: "droppedAnswer" } });
    expect(await failure(client.kickParticipant("weekly", "ben"))).toBeInstanceOf(SinchNetworkError);
    expect(await participant("ben")).toBeUndefined();
    expect((await control.call("ben"))?.reason).toBe("MANAGERHANGUP");
    expect((await control.requests())[0]).toMatchObject({ fault: "droppedAnswer", status: null });
  });

  it("unlike drop, which is not carried out", async () => {
    await control.addFault({ match: { operation: "kickParticipant" }, fault: { type: "drop" } });
    expect(await failure(client.kickParticipant("weekly", "ben"))).toBeInstanceOf(SinchNetworkError);
    expect(await participant("ben")).toBeDefined();
  });

  it("kick all carried out, then dropped: the room is empty", async () => {
    await control.addFault({ match: { operation: "kickAll" }, fault: { type: "droppedAnswer" } });
    expect(await failure(client.kickAll("weekly"))).toBeInstanceOf(SinchNetworkError);
    expect(await control.room("weekly")).toBeUndefined();
  });
});

describe("carried out, unreadable answer", () => {
  it("a callout whose answer cannot be read was placed all the same", async () => {
    await control.addFault({ match: { operation: "placeCallout" }, fault: { type: "unreadableAnswer" } });
    const e = await failure(
      client.placeCallout({
        method: "conferenceCallout",
        conferenceCallout: { destination: { type: "number", endpoint: "+15551234567" }, conferenceId: "weekly" },
      }),
    );
    expect(e).toBeInstanceOf(SinchInvalidResponseError);
    const calls = await control.calls();
    expect(calls.filter((c) => c.kind === "conferenceCallout")).toHaveLength(1);
    await waitFor(async () => ((await control.room("weekly"))?.participants.length === 3 ? true : undefined), {
      what: "the callee to join",
    });
  });

  it("a hold answers 200 with a body nobody can read, and the person is on hold", async () => {
    await control.addFault({
      match: { operation: "manageParticipant" },
      fault: { type: "unreadableAnswer", body: "<html>oops" },
    });
    const res = await sinchRequest(emu, "PATCH", paths.participant("weekly", "ana"), {
      body: { command: "onhold", moh: "music1" },
    });
    expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: "<html>oops" });
    expect(await participant("ana")).toMatchObject({ onhold: true, moh: "music1" });
  });

  it("a request the operation refuses is answered as usual and does not pretend to be carried out", async () => {
    await control.addFault({ match: { operation: "manageParticipant" }, fault: { type: "unreadableAnswer" } });
    const res = await sinchRequest(emu, "PATCH", paths.participant("weekly", "nobody"), { body: { command: "mute" } });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ errorCode: 40400 });
  });
});

describe("respond", () => {
  it("answers exactly the given status, headers and body, and does not run the operation", async () => {
    await control.addFault({
      match: { operation: "kickAll" },
      fault: {
        type: "respond",
        status: 503,
        headers: { "Retry-After": "3" },
        contentType: "text/html",
        body: "<h1>Down</h1>",
      },
    });
    const res = await sinchRequest(emu, "DELETE", paths.conference("weekly"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(res.headers.get("content-type")).toBe("text/html");
    expect(res.text).toBe("<h1>Down</h1>");
    expect((await control.room("weekly"))?.participants).toHaveLength(2);
  });

  it("without a body answers an empty one", async () => {
    await control.addFault({ match: { operation: "getConference" }, fault: { type: "respond", status: 204 } });
    const res = await sinchRequest(emu, "GET", paths.conference("weekly"));
    expect({ status: res.status, text: res.text }).toEqual({ status: 204, text: "" });
  });

  it("refuses a status outside 200-599", async () => {
    const res = await control.request("POST", "/faults", { fault: { type: "respond", status: 100 } });
    expect(res.status).toBe(400);
  });
});
