/**
 * The client reads what Sinch may send, not only what the emulator sends by
 * default: nulls where the spec allows them, enum values Gavel does not know,
 * odd error bodies, empty answers. And it tells Sinch's "no such conference"
 * from a misconfigured base URL. Every answer comes from the emulator over real
 * HTTP (its `respond` fault answers exactly the given status, headers and body).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SinchConfigurationError, SinchHttpError, SinchInvalidResponseError } from "../errors";
import { startEmulator, type RunningEmulator } from "../emulator/index";
import type { Operation } from "../emulator/faults";
import { ControlClient } from "../emulator/testing/http";
import { SinchClient } from "./client";

const KEY = "tolerance-test-key";
const SECRET = "JViE5vDor0Sw3WllZka15Q==";

let emu: RunningEmulator;
let control: ControlClient;
let client: SinchClient;

beforeAll(async () => {
  emu = await startEmulator({ applicationKey: KEY, applicationSecret: SECRET, ringMs: 20 });
  control = new ControlClient(emu.url);
  client = clientAt(emu.url);
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await control.reset();
});

function clientAt(baseUrl: string): SinchClient {
  return new SinchClient({
    applicationKey: KEY,
    applicationSecret: SECRET,
    baseUrl,
    timeoutMs: 2000,
    retry: { maxRetries: 0 },
  });
}

/** The next request of `operation` is answered exactly so (the operation does not run). */
function respond(
  operation: Operation,
  answer: { status: number; body?: unknown; contentType?: string; headers?: Record<string, string> },
) {
  return control.addFault({ match: { operation }, fault: { type: "respond", ...answer } });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the request to fail");
}

describe("nulls and unknown values", () => {
  it("getCall accepts a null userRate.currencyId and custom, and keeps an unknown reason as it came", async () => {
    await respond("getCall", {
      status: 200,
      body: {
        callId: "c1",
        status: "FINAL",
        result: "FAILED",
        reason: "CONGESTION",
        duration: 0,
        custom: null,
        userRate: { currencyId: null, amount: 0 },
        debit: { currencyId: null, amount: null },
        from: null,
      },
    });
    const info = await client.getCall("c1");
    expect(info).toEqual({
      callId: "c1",
      status: "FINAL",
      result: "FAILED",
      reason: "CONGESTION",
      duration: 0,
      userRate: { amount: 0 },
      debit: {},
    });
  });

  it("getCall keeps an unknown result and status too", async () => {
    await respond("getCall", { status: 200, body: { status: "CLEARED", result: "REJECTED" } });
    expect(await client.getCall("c1")).toMatchObject({ status: "CLEARED", result: "REJECTED" });
  });

  it("getCall still refuses a value of the wrong type", async () => {
    await respond("getCall", { status: 200, body: { reason: 42 } });
    expect(await failure(client.getCall("c1"))).toBeInstanceOf(SinchInvalidResponseError);
  });

  it("getConference reads null participant fields as absent", async () => {
    await respond("getConference", {
      status: 200,
      body: { participants: [{ id: "p1", cli: null, duration: null, muted: null, onhold: true }, null] },
    });
    expect(await client.getConference("room")).toEqual([
      { callId: "p1", cli: "", duration: 0, muted: false, onhold: true },
    ]);
  });

  it("getConference reads participants: null as nobody", async () => {
    await respond("getConference", { status: 200, body: { participants: null } });
    expect(await client.getConference("room")).toEqual([]);
  });

  it("placeCallout still needs its callId: a null one is an answer Gavel cannot read", async () => {
    await respond("placeCallout", { status: 200, body: { callId: null } });
    const e = await failure(
      client.placeCallout({
        method: "ttsCallout",
        ttsCallout: { destination: { type: "number", endpoint: "+46701740605" }, text: "hi" },
      }),
    );
    expect(e).toBeInstanceOf(SinchInvalidResponseError);
    expect((e as SinchInvalidResponseError).issues).toContain("callId");
  });
});

describe("error bodies", () => {
  it("a null reference does not cost the errorCode and message", async () => {
    await respond("manageParticipant", {
      status: 409,
      body: { status: "409 Conflict", errorCode: 40900, message: "Participant is busy", reference: null },
    });
    const e = await failure(client.manageParticipant("room", "p1", { command: "mute" }));
    expect(e).toBeInstanceOf(SinchHttpError);
    expect(e).toMatchObject({ status: 409, errorCode: 40900, message: "Participant is busy", reference: undefined });
  });

  it("a field of the wrong type is dropped, the others kept (errorCode as a string, as the SDK types it)", async () => {
    await respond("kickParticipant", {
      status: 400,
      body: { status: 400, errorCode: "40001", message: "Invalid parameters", reference: 7, extra: { a: 1 } },
    });
    const e = await failure(client.kickParticipant("room", "p1"));
    expect(e).toMatchObject({ status: 400, errorCode: 40001, message: "Invalid parameters", reference: "7" });
    expect((e as SinchHttpError).sinchStatus).toBeUndefined();
  });
});

describe("an empty room", () => {
  it("a 204 on the conference GET is an empty room", async () => {
    await respond("getConference", { status: 204 });
    expect(await client.getConference("room")).toEqual([]);
  });

  it("an empty 200 on the conference GET is an empty room", async () => {
    await respond("getConference", { status: 200, body: "" });
    expect(await client.getConference("room")).toEqual([]);
  });

  it("Sinch's own 404 / 40400 is an empty room", async () => {
    expect(await client.getConference("nobody-here")).toEqual([]);
  });
});

describe("a 404 that is not Sinch's, or a redirect, is a configuration error", () => {
  it("an HTML 404 on the conference GET", async () => {
    await respond("getConference", {
      status: 404,
      body: "<html><body>Not Found</body></html>",
      contentType: "text/html",
    });
    const e = await failure(client.getConference("room"));
    expect(e).toBeInstanceOf(SinchConfigurationError);
    expect((e as SinchConfigurationError).message).toContain(emu.url);
    expect((e as SinchConfigurationError).message).toContain("text/html");
  });

  it("a JSON 404 without Sinch's errorCode", async () => {
    await respond("getConference", { status: 404, body: { error: "no route" } });
    expect(await failure(client.getConference("room"))).toBeInstanceOf(SinchConfigurationError);
  });

  it("an empty 404 on a kick is not 'the participant left'", async () => {
    await respond("kickParticipant", { status: 404 });
    const e = await failure(client.kickParticipant("room", "p1"));
    expect(e).toBeInstanceOf(SinchConfigurationError);
    expect(e).not.toBeInstanceOf(SinchHttpError);
  });

  it("a Sinch JSON 404 on a kick stays Sinch's (the participant is not there)", async () => {
    const e = await failure(client.kickParticipant("room", "p1"));
    expect(e).toBeInstanceOf(SinchHttpError);
    expect(e).toMatchObject({ status: 404, errorCode: 40400 });
  });

  it("a redirect, which the client never follows, names where it pointed", async () => {
    await respond("getConference", { status: 302, headers: { Location: "https://login.example.com/" } });
    const e = await failure(client.getConference("room"));
    expect(e).toBeInstanceOf(SinchConfigurationError);
    expect(e).toMatchObject({ status: 302, location: "https://login.example.com/", baseUrl: emu.url });
    expect((e as Error).message).toContain("https://login.example.com/");
  });

  it("a wrong base URL (a region the host does not serve) is a configuration error, not an empty room", async () => {
    const wrong = clientAt(`${emu.url}/region/mars1`);
    const e = await failure(wrong.getConference("room"));
    expect(e).toBeInstanceOf(SinchConfigurationError);
    expect((e as Error).message).toContain(`${emu.url}/region/mars1`);
    expect(await failure(wrong.kickAll("room"))).toBeInstanceOf(SinchConfigurationError);
  });

  it("a base URL that reaches another API's JSON 404 is a configuration error too", async () => {
    const wrong = clientAt(`${emu.url}/_emulator`);
    expect(await failure(wrong.getConference("room"))).toBeInstanceOf(SinchConfigurationError);
  });
});
