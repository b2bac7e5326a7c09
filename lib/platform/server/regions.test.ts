/**
 * Rooms are regional at Sinch: a room is placed and managed through one region's
 * host. The emulator keeps one namespace per region, reached through
 * `<emulator>/region/<name>` (the unprefixed URL is the global host), so Gavel's
 * client, pointed at the wrong region, sees what it would see at Sinch.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../config/env";
import { SinchConfigurationError, SinchHttpError } from "../../sinch/errors";
import { startEmulator, type RunningEmulator } from "../../sinch/emulator/index";
import { ControlClient, waitFor } from "../../sinch/emulator/testing/http";
import { REGIONS, regionBaseUrl, type Region } from "../../sinch/schemas";
import { SinchClient } from "../../sinch/server/client";
import { sinchClientOptionsFromConfig } from "./sinch";

const KEY = "regions-test-key";
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

/** The emulator's stand-in for regionBaseUrl(region). */
const emulatorUrl = (region: Region) => emu.regionUrl(region);

/** A client as Gavel builds it from SINCH_REGION, with the region's host swapped for the emulator's. */
function clientFor(region: Region): SinchClient {
  const options = sinchClientOptionsFromConfig(
    parseEnv({ SINCH_APPLICATION_KEY: KEY, SINCH_APPLICATION_SECRET: SECRET, SINCH_REGION: region }),
  );
  expect(new SinchClient(options).baseUrl).toBe(regionBaseUrl(region));
  return new SinchClient({ ...options, baseUrl: emulatorUrl(region), retry: { maxRetries: 0 } });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the request to fail");
}

describe("regional rooms", () => {
  it.each(REGIONS)("the emulator serves every region SINCH_REGION accepts: %s", async (region) => {
    // An empty room through a region Sinch has, not a configuration error.
    expect(await clientFor(region).getConference("nobody")).toEqual([]);
  });

  it("a room placed through euc1 is managed through euc1, and is not found through another region", async () => {
    const euc1 = clientFor("euc1");
    const global = clientFor("global");
    const use1 = clientFor("use1");
    const { callId } = await euc1.placeCallout({
      method: "conferenceCallout",
      conferenceCallout: { destination: { type: "number", endpoint: "+46701740605" }, conferenceId: "board" },
    });
    const joined = await waitFor(async () => {
      const list = await euc1.getConference("board");
      return list.length === 1 ? list : undefined;
    });
    expect(joined[0]?.callId).toBe(callId);

    // What Sinch answers for a room another region holds: nobody there, 404 / 40400.
    expect(await global.getConference("board")).toEqual([]);
    expect(await use1.getConference("board")).toEqual([]);
    const kick = await failure(global.kickParticipant("board", callId));
    expect(kick).toBeInstanceOf(SinchHttpError);
    expect(kick).toMatchObject({ status: 404, errorCode: 40400 });
    expect(await failure(use1.manageParticipant("board", callId, { command: "mute" }))).toMatchObject({
      status: 404,
    });
    expect(await failure(global.getCall(callId))).toMatchObject({ status: 404, errorCode: 40400 });

    // Through its own region everything works.
    await euc1.manageParticipant("board", callId, { command: "mute" });
    expect((await euc1.getConference("board"))[0]?.muted).toBe(true);
    expect((await euc1.getCall(callId)).status).toBe("ONGOING");
    await euc1.kickAll("board");
    expect(await euc1.getConference("board")).toEqual([]);
  });

  it("the same conferenceId in two regions is two rooms", async () => {
    await new ControlClient(emulatorUrl("euc1")).putRoom("weekly", [{ cli: "+46701740605", callId: "eu" }]);
    await new ControlClient(emulatorUrl("use1")).putRoom("weekly", [{ cli: "+12025550143", callId: "us" }]);
    expect((await clientFor("euc1").getConference("weekly")).map((p) => p.callId)).toEqual(["eu"]);
    expect((await clientFor("use1").getConference("weekly")).map((p) => p.callId)).toEqual(["us"]);
    expect(await clientFor("global").getConference("weekly")).toEqual([]);
    // The unprefixed control API lists every region's rooms, each outside global with its region.
    const rooms = await control.rooms();
    expect(rooms.map((r) => [r.conferenceId, r.region])).toEqual([
      ["weekly", "euc1"],
      ["weekly", "use1"],
    ]);
    expect(await new ControlClient(emulatorUrl("euc1")).rooms()).toHaveLength(1);
  });

  it("the request log says which region a request came through", async () => {
    await clientFor("apse2").getConference("x");
    await clientFor("global").getConference("x");
    expect((await control.requests()).map((r) => r.region)).toEqual(["apse2", "global"]);
  });

  it("a region Sinch does not have is an unknown host: a configuration error naming the base URL", async () => {
    const client = new SinchClient({ applicationKey: KEY, applicationSecret: SECRET, baseUrl: `${emu.url}/region/eu` });
    const e = await failure(client.getConference("board"));
    expect(e).toBeInstanceOf(SinchConfigurationError);
    expect((e as Error).message).toContain(`${emu.url}/region/eu`);
  });
});
