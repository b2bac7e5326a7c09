/**
 * The emulator is as strict as Sinch's spec (Voice 1.0.1) and the official SDKs,
 * and no stricter: what they allow passes, what they name is named the same way.
 * Raw HTTP with the shared signer, so nothing a client smooths over is hidden.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { paths } from "../schemas";
import { startEmulator, type RunningEmulator } from "./index";
import { ControlClient, sinchRequest, waitFor, type RawResponse } from "./testing/http";

const KEY = "strict-test-key";
const SECRET = "JViE5vDor0Sw3WllZka15Q==";

let emu: RunningEmulator;
let control: ControlClient;

beforeAll(async () => {
  emu = await startEmulator({ applicationKey: KEY, applicationSecret: SECRET, ringMs: 20 });
  control = new ControlClient(emu.url);
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(async () => {
  await control.reset();
});

const post = (path: string, body: unknown) => sinchRequest(emu, "POST", path, { body });
const callId = (res: RawResponse) => (res.json as { callId: string }).callId;

describe("error status texts as the spec's examples name them", () => {
  it("400 ParameterValidation for an invalid parameter (40001)", async () => {
    const res = await post(paths.callouts(), { method: "nope" });
    expect(res.json).toMatchObject({ status: "400 ParameterValidation", errorCode: 40001 });
  });

  it("400 MissingParameter for a missing one (40002)", async () => {
    const res = await post(paths.callouts(), { method: "ttsCallout" });
    expect(res.json).toMatchObject({ status: "400 MissingParameter", errorCode: 40002 });
  });

  it("401 TimestampHeader for an x-timestamp out of the window (40101)", async () => {
    const res = await sinchRequest(emu, "GET", paths.conference("x"), { timestamp: "2001-01-01T00:00:00.000Z" });
    expect(res.json).toMatchObject({ status: "401 TimestampHeader", errorCode: 40101 });
  });

  it("the status text per HTTP status where the spec names no error (404 ResourceNotFound)", async () => {
    const res = await sinchRequest(emu, "GET", paths.conference("nobody"));
    expect(res.json).toMatchObject({ status: "404 ResourceNotFound", errorCode: 40400 });
  });
});

describe("paths and methods", () => {
  it("POST /calling/v1/callouts/ with a trailing slash places the call, as in the spec's introduction", async () => {
    const res = await post("/calling/v1/callouts/", {
      method: "conferenceCallout",
      conferenceCallout: { destination: { type: "number", endpoint: "+46701740605" }, conferenceId: "slash" },
    });
    expect(res.status).toBe(200);
    expect(await control.call(callId(res))).toMatchObject({ conferenceId: "slash" });
  });

  it.each([
    ["GET", paths.callouts(), "POST"],
    ["PUT", paths.conference("r"), "GET, DELETE"],
    ["GET", paths.participant("r", "p"), "PATCH, DELETE"],
    ["DELETE", paths.call("c"), "GET"],
  ])("%s %s is 405 with Allow: %s", async (method, path, allow) => {
    const res = await sinchRequest(emu, method, path, method === "PUT" ? { body: "{}" } : {});
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe(allow);
    expect(res.json).toMatchObject({ status: "405 MethodNotAllowed", errorCode: 40500 });
  });
});

describe("callouts the spec allows", () => {
  it("a custom callout with inline ICE SVAML needs no destination (the spec says to leave it out)", async () => {
    const ice = JSON.stringify({ action: { name: "connectPstn", number: "46701740605", maxDuration: 90 } });
    const res = await post(paths.callouts(), { method: "customCallout", customCallout: { ice } });
    expect(res.status).toBe(200);
    expect((await control.call(callId(res)))?.to).toEqual({ type: "number", endpoint: "+46701740605" });
  });

  it("an inline connectConf without destination still joins its room", async () => {
    const ice = JSON.stringify({ action: { name: "connectConf", conferenceId: "inline" } });
    const res = await post(paths.callouts(), { method: "customCallout", customCallout: { ice } });
    expect(res.status).toBe(200);
    await waitFor(async () => ((await control.room("inline"))?.participants.length === 1 ? true : undefined), {
      what: "the callee to join",
    });
  });

  it("a custom callout with an ICE callback URL still needs its destination", async () => {
    const res = await post(paths.callouts(), {
      method: "customCallout",
      customCallout: { ice: "https://example.com/ice" },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: 40002, message: expect.stringContaining("destination") });
  });

  it.each(["PSTN", "MXP", "pstn", "mxp"])("accepts the domain %s", async (domain) => {
    const res = await post(paths.callouts(), {
      method: "ttsCallout",
      ttsCallout: { destination: { type: "number", endpoint: "+46701740605" }, text: "hello", domain },
    });
    expect(res.status).toBe(200);
    expect((await control.call(callId(res)))?.domain).toBe(domain.toLowerCase());
  });

  it("still refuses a domain Sinch does not know", async () => {
    const res = await post(paths.callouts(), {
      method: "ttsCallout",
      ttsCallout: { destination: { type: "number", endpoint: "+46701740605" }, text: "hello", domain: "sip" },
    });
    expect(res.json).toMatchObject({ errorCode: 40001 });
  });
});
