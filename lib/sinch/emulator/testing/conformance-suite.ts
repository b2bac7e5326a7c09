/**
 * The Sinch conformance suite: one table of scenarios covering every operation
 * Gavel uses (callouts conference/tts/custom, conference get/kickAll/
 * kickParticipant/manageParticipant, call get), on success and on error, each
 * run with Signed and with Basic auth, through a "driver": any Sinch client
 * adapted to the ConformanceDriver interface.
 *
 * Today it runs the official SDK (sdk-driver.ts); Gavel's own client
 * (lib/sinch/server/client.ts) plugs in the same way:
 *
 *   runConformance("Gavel client", (config) => ({ ...adapt(createClient(config)), failureOf }))
 *
 * Scenarios use plain ids only (letters, digits, dashes): the official SDK does
 * not percent-encode path segments. Odd ids are covered in emulator.test.ts.
 *
 * One table, past the house's 350 lines on purpose: a scenario per operation and
 * outcome, read as one list so a missing case shows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallInfo, WireParticipant } from "../../schemas";
import { startEmulator, type RunningEmulator } from "../index";
import { ControlClient, waitFor } from "./http";

export type AuthMode = "signed" | "basic";

export interface DriverConfig {
  /** The emulator's URL, no trailing slash. */
  baseUrl: string;
  applicationKey: string;
  applicationSecret: string;
  auth: AuthMode;
}

export interface DriverFailure {
  status?: number;
  errorCode?: number;
  /** The driver refused the input itself, before sending anything. */
  local?: boolean;
}

export interface ConformanceDriver {
  /** What a rejected promise of this driver means: HTTP status and Sinch errorCode (undefined: not a Sinch failure). */
  failureOf(error: unknown): DriverFailure | undefined;
  /**
   * Set when the driver validates input with the shared schemas before sending
   * (Gavel's client does): a local refusal then passes the "bad input" scenarios.
   */
  validatesInput?: boolean;
  /** Participants of a conference. May resolve [] for "nobody there" instead of throwing 404. */
  getConference(conferenceId: string): Promise<WireParticipant[]>;
  manageParticipant(conferenceId: string, callId: string, body: { command: string; moh?: string }): Promise<void>;
  kickParticipant(conferenceId: string, callId: string): Promise<void>;
  kickAll(conferenceId: string): Promise<void>;
  /** Sends a callout envelope `{"method": M, M: {...}}` as given (it may be invalid on purpose). */
  placeCallout(request: unknown): Promise<{ callId: string }>;
  getCall(callId: string): Promise<CallInfo>;
}

export type MakeDriver = (config: DriverConfig) => ConformanceDriver;

export interface ScenarioContext {
  mode: AuthMode;
  /** A driver with the right credentials. */
  driver: ConformanceDriver;
  /** A driver with some credentials changed (wrong key, wrong secret). */
  makeDriver(overrides: Partial<DriverConfig>): ConformanceDriver;
  control: ControlClient;
  emulator: RunningEmulator;
}

export interface Scenario {
  name: string;
  /** Auth modes the scenario applies to; default both. */
  modes?: AuthMode[];
  run(ctx: ScenarioContext): Promise<void>;
}

export const CONFORMANCE_KEY = "5F2C8A1E-7B3D-4E6F-9A0B-1C2D3E4F5A6B";
export const CONFORMANCE_SECRET = "q83vEjRWeJq83vEjRWeJqw==";
/** A different secret (valid base64), for wrong-signature and wrong-password cases. */
const WRONG_SECRET = "AAAAAAAAAAAAAAAAAAAAAA==";
const WRONG_KEY = "00000000-0000-0000-0000-000000000000";
const RING_MS = 50;

const CALL_ID = /^[0-9a-f]{32}$/;

/** Expects the promise to fail with this Sinch status and errorCode (or a local refusal, for validating drivers). */
async function expectSinchError(
  driver: ConformanceDriver,
  promise: Promise<unknown>,
  status: number,
  errorCode: number,
): Promise<void> {
  let failure: DriverFailure | undefined;
  try {
    await promise;
  } catch (error) {
    failure = driver.failureOf(error);
    if (!failure) throw error;
  }
  if (!failure) throw new Error(`Expected ${status} / ${errorCode}, but the call succeeded`);
  if (failure.local && driver.validatesInput && status === 400) return;
  expect({ status: failure.status, errorCode: failure.errorCode }).toEqual({ status, errorCode });
}

/** The reference allows "nobody there" as 404 / 40400 or as an empty list; the emulator answers 404. */
async function expectNoConference(driver: ConformanceDriver, conferenceId: string): Promise<void> {
  try {
    const participants = await driver.getConference(conferenceId);
    expect(participants).toEqual([]);
  } catch (error) {
    const failure = driver.failureOf(error);
    if (!failure) throw error;
    expect({ status: failure.status, errorCode: failure.errorCode }).toEqual({ status: 404, errorCode: 40400 });
  }
}

async function twoInRoom(control: ControlClient, conferenceId: string) {
  const room = await control.putRoom(conferenceId, [
    { cli: "+46701740605", custom: "Sofia" },
    { cli: "+12025550143", custom: "Priya", durationSeconds: 90 },
  ]);
  const [first, second] = room.participants;
  if (!first || !second) throw new Error("room not created");
  return { first, second };
}

const conferenceCallout = (conferenceId: string, endpoint: string, extra: Record<string, unknown> = {}) => ({
  method: "conferenceCallout",
  conferenceCallout: { destination: { type: "number", endpoint }, conferenceId, ...extra },
});

export const SCENARIOS: Scenario[] = [
  // ------------------------------------------------------------ success
  {
    name: "conference callout: 200 {callId}, rings, then the callee joins the room",
    async run({ driver, control, mode }) {
      await control.patchSettings({ ringMs: 400 }); // long enough to observe the ringing on a busy machine
      const { callId } = await driver.placeCallout(
        conferenceCallout("conf-callout", "+46701740605", {
          cli: "+12025550143",
          custom: "Sofia (Product)",
          mohClass: "music1",
        }),
      );
      expect(callId).toMatch(CALL_ID);
      const ringing = await driver.getCall(callId);
      expect({ status: ringing.status, result: ringing.result }).toEqual({ status: "ONGOING", result: "N/A" });

      const answered = await waitFor(
        async () => {
          const call = await driver.getCall(callId);
          return call.result === "ANSWERED" ? call : undefined;
        },
        { what: "the callee to answer" },
      );
      expect(answered.status).toBe("ONGOING");

      const participants = await driver.getConference("conf-callout");
      expect(participants).toHaveLength(1);
      expect(participants[0]).toMatchObject({ cli: "+46701740605", id: callId, muted: false, onhold: false });
      expect(Number.isInteger(participants[0]?.duration)).toBe(true);
      // The callout's custom is kept for the console, though Sinch does not return it in conference info.
      expect((await control.room("conf-callout"))?.participants[0]?.custom).toBe("Sofia (Product)");

      const logged = (await control.requests()).filter((r) => r.operation !== null);
      expect(logged.length).toBeGreaterThan(0);
      for (const r of logged) expect(r.authScheme).toBe(mode);
    },
  },
  {
    name: "manage participant: mute, hold with music, resume and unmute persist",
    async run({ driver, control }) {
      const { first, second } = await twoInRoom(control, "conf-manage");
      await driver.manageParticipant("conf-manage", first.callId, { command: "mute" });
      let participants = await driver.getConference("conf-manage");
      expect(participants.find((p) => p.id === first.callId)).toMatchObject({ muted: true, onhold: false });
      expect(participants.find((p) => p.id === second.callId)).toMatchObject({ muted: false, onhold: false });

      await driver.manageParticipant("conf-manage", second.callId, { command: "onhold", moh: "music2" });
      participants = await driver.getConference("conf-manage");
      expect(participants.find((p) => p.id === second.callId)).toMatchObject({ onhold: true });
      expect((await control.room("conf-manage"))?.participants.find((p) => p.callId === second.callId)?.moh).toBe(
        "music2",
      );

      await driver.manageParticipant("conf-manage", second.callId, { command: "resume" });
      await driver.manageParticipant("conf-manage", first.callId, { command: "unmute" });
      participants = await driver.getConference("conf-manage");
      for (const p of participants) expect(p).toMatchObject({ muted: false, onhold: false });
    },
  },
  {
    name: "kick participant: the participant leaves, the call ends ANSWERED / MANAGERHANGUP",
    async run(ctx) {
      const { driver } = ctx;
      const { first, second } = await twoInRoom(ctx.control, "conf-kick");
      await driver.kickParticipant("conf-kick", first.callId);
      const participants = await driver.getConference("conf-kick");
      expect(participants.map((p) => p.id)).toEqual([second.callId]);
      const call = await driver.getCall(first.callId);
      expect({ status: call.status, result: call.result, reason: call.reason }).toEqual({
        status: "FINAL",
        result: "ANSWERED",
        reason: "MANAGERHANGUP",
      });
    },
  },
  {
    name: "kick all: 204, the room empties and disappears, every call MANAGERHANGUP",
    async run(ctx) {
      const { driver } = ctx;
      const { first, second } = await twoInRoom(ctx.control, "conf-kickall");
      await driver.kickAll("conf-kickall");
      await expectNoConference(driver, "conf-kickall");
      for (const p of [first, second]) {
        const call = await driver.getCall(p.callId);
        expect({ status: call.status, reason: call.reason }).toEqual({ status: "FINAL", reason: "MANAGERHANGUP" });
      }
    },
  },
  {
    name: "tts callout: answers, speaks, then hangs up (ANSWERED / CALLERHANGUP)",
    async run({ driver }) {
      const { callId } = await driver.placeCallout({
        method: "ttsCallout",
        ttsCallout: {
          destination: { type: "number", endpoint: "+61491570156" },
          text: "Your meeting starts in five minutes.",
        },
      });
      expect(callId).toMatch(CALL_ID);
      const ended = await waitFor(
        async () => {
          const call = await driver.getCall(callId);
          return call.status === "FINAL" ? call : undefined;
        },
        { what: "the TTS call to end" },
      );
      expect({ result: ended.result, reason: ended.reason }).toEqual({ result: "ANSWERED", reason: "CALLERHANGUP" });
    },
  },
  {
    name: "custom callout with a connectConf ICE: the callee joins that conference",
    async run({ driver }) {
      const ice = JSON.stringify({ action: { name: "connectConf", conferenceId: "conf-custom" } });
      const { callId } = await driver.placeCallout({
        method: "customCallout",
        customCallout: { destination: { type: "number", endpoint: "+493023125001" }, ice, cli: "+12025550143" },
      });
      const participants = await waitFor(
        async () => {
          try {
            const list = await driver.getConference("conf-custom");
            return list.length > 0 ? list : undefined;
          } catch {
            return undefined;
          }
        },
        { what: "the custom callout to join" },
      );
      expect(participants[0]).toMatchObject({ id: callId, cli: "+493023125001" });
    },
  },
  {
    name: "call info: the fields of reference section 6",
    async run(ctx) {
      const { driver } = ctx;
      const { first } = await twoInRoom(ctx.control, "conf-callinfo");
      const call = await driver.getCall(first.callId);
      expect(call).toMatchObject({
        callId: first.callId,
        to: { type: "number", endpoint: "+46701740605" },
        domain: "pstn",
        status: "ONGOING",
        result: "ANSWERED",
        reason: "N/A",
        custom: "Sofia",
        userRate: { currencyId: "EUR", amount: 0.0135 },
      });
      expect(call.from).toEqual({ type: "number", endpoint: "" });
      expect(typeof call.duration).toBe("number");
      expect(Number.isNaN(Date.parse(call.timestamp ?? ""))).toBe(false);
      expect(call.debit?.currencyId).toBe("EUR");
    },
  },
  {
    name: "busy number: the callout ends FINAL / BUSY",
    async run({ driver }) {
      const { callId } = await driver.placeCallout(conferenceCallout("conf-busy", "+447700900486"));
      const ended = await waitFor(
        async () => {
          const call = await driver.getCall(callId);
          return call.status === "FINAL" ? call : undefined;
        },
        { what: "the busy call to end" },
      );
      expect(ended.result).toBe("BUSY");
      await expectNoConference(driver, "conf-busy");
    },
  },

  // ------------------------------------------------------------ errors
  {
    name: "unknown conference: get is 404 / 40400 (or empty), kick all and manage are 404 / 40400",
    async run({ driver }) {
      await expectNoConference(driver, "no-such-conference");
      await expectSinchError(driver, driver.kickAll("no-such-conference"), 404, 40400);
      await expectSinchError(
        driver,
        driver.manageParticipant("no-such-conference", "abc", { command: "mute" }),
        404,
        40400,
      );
      await expectSinchError(driver, driver.kickParticipant("no-such-conference", "abc"), 404, 40400);
    },
  },
  {
    name: "unknown callId: call info, manage and kick are 404 / 40400",
    async run(ctx) {
      const { driver } = ctx;
      await twoInRoom(ctx.control, "conf-unknown-call");
      await expectSinchError(driver, driver.getCall("0123456789abcdef0123456789abcdef"), 404, 40400);
      await expectSinchError(
        driver,
        driver.manageParticipant("conf-unknown-call", "nobody", { command: "mute" }),
        404,
        40400,
      );
      await expectSinchError(driver, driver.kickParticipant("conf-unknown-call", "nobody"), 404, 40400);
    },
  },
  {
    name: "bad command or bad music on hold: 400 / 40001, nothing changes",
    async run(ctx) {
      const { driver, control } = ctx;
      const { first } = await twoInRoom(ctx.control, "conf-bad-command");
      await expectSinchError(
        driver,
        driver.manageParticipant("conf-bad-command", first.callId, { command: "MUTE" }),
        400,
        40001,
      );
      await expectSinchError(
        driver,
        driver.manageParticipant("conf-bad-command", first.callId, { command: "shout" }),
        400,
        40001,
      );
      await expectSinchError(
        driver,
        driver.manageParticipant("conf-bad-command", first.callId, { command: "onhold", moh: "jazz" }),
        400,
        40001,
      );
      const room = await control.room("conf-bad-command");
      expect(room?.participants.find((p) => p.callId === first.callId)).toMatchObject({ muted: false, onhold: false });
    },
  },
  {
    name: "missing destination or conferenceId: 400 / 40002",
    async run({ driver, control }) {
      await expectSinchError(
        driver,
        driver.placeCallout({ method: "conferenceCallout", conferenceCallout: { conferenceId: "conf-x" } }),
        400,
        40002,
      );
      await expectSinchError(
        driver,
        driver.placeCallout({
          method: "conferenceCallout",
          conferenceCallout: { destination: { type: "number", endpoint: "+46701740605" } },
        }),
        400,
        40002,
      );
      await expectSinchError(
        driver,
        driver.placeCallout({ method: "customCallout", customCallout: { cli: "+12025550143" } }),
        400,
        40002,
      );
      expect(await control.calls()).toEqual([]);
    },
  },
  {
    name: "unknown callout method: 400 / 40001",
    async run({ driver }) {
      await expectSinchError(driver, driver.placeCallout({ method: "videoCallout", videoCallout: {} }), 400, 40001);
    },
  },
  {
    name: "destination number without its +: 400 / 40005",
    async run({ driver }) {
      await expectSinchError(driver, driver.placeCallout(conferenceCallout("conf-plus", "46701740605")), 400, 40005);
    },
  },
  {
    name: "wrong application key: 401 / 40108",
    async run({ makeDriver }) {
      const wrong = makeDriver({ applicationKey: WRONG_KEY });
      await expectSinchError(wrong, wrong.getCall("0123456789abcdef0123456789abcdef"), 401, 40108);
      await expectSinchError(wrong, wrong.getConference("anything"), 401, 40108);
    },
  },
  {
    name: "wrong signature (wrong secret): 401 / 40102",
    modes: ["signed"],
    async run({ makeDriver, control }) {
      const wrong = makeDriver({ applicationSecret: WRONG_SECRET });
      await expectSinchError(wrong, wrong.placeCallout(conferenceCallout("conf-sig", "+46701740605")), 401, 40102);
      await expectSinchError(wrong, wrong.kickAll("conf-sig"), 401, 40102);
      expect(await control.calls()).toEqual([]);
    },
  },
  {
    name: "stale x-timestamp (server clock 20 minutes ahead): 401 / 40101",
    modes: ["signed"],
    async run({ driver, control }) {
      await control.patchSettings({ clockOffsetMs: 20 * 60 * 1000 });
      await expectSinchError(driver, driver.getConference("conf-stale"), 401, 40101);
      await control.patchSettings({ clockOffsetMs: -20 * 60 * 1000 });
      await expectSinchError(driver, driver.getCall("0123456789abcdef0123456789abcdef"), 401, 40101);
    },
  },
  {
    name: "wrong Basic secret: 401 / 40108",
    modes: ["basic"],
    async run({ makeDriver }) {
      const wrong = makeDriver({ applicationSecret: WRONG_SECRET });
      await expectSinchError(wrong, wrong.getConference("anything"), 401, 40108);
    },
  },
  {
    name: "Basic carries no timestamp: a drifted server clock does not matter",
    modes: ["basic"],
    async run(ctx) {
      const { driver, control } = ctx;
      await control.patchSettings({ clockOffsetMs: 20 * 60 * 1000 });
      await twoInRoom(ctx.control, "conf-basic-clock");
      expect(await driver.getConference("conf-basic-clock")).toHaveLength(2);
    },
  },
];

/** Registers the suite for one driver: an emulator of its own, every scenario in each auth mode. */
export function runConformance(driverName: string, makeDriver: MakeDriver): void {
  describe(`Sinch conformance: ${driverName}`, () => {
    let emulator: RunningEmulator;
    let control: ControlClient;

    beforeAll(async () => {
      emulator = await startEmulator({
        port: 0,
        applicationKey: CONFORMANCE_KEY,
        applicationSecret: CONFORMANCE_SECRET,
        ringMs: RING_MS,
        speechMsPerChar: 1,
      });
      control = new ControlClient(emulator.url);
    });
    afterAll(async () => {
      await emulator?.close();
    });
    beforeEach(async () => {
      await control.reset();
    });

    for (const mode of ["signed", "basic"] as const) {
      describe(`${mode} auth`, () => {
        for (const scenario of SCENARIOS) {
          if (scenario.modes && !scenario.modes.includes(mode)) continue;
          it(scenario.name, async () => {
            const config = (overrides: Partial<DriverConfig> = {}): DriverConfig => ({
              baseUrl: emulator.url,
              applicationKey: CONFORMANCE_KEY,
              applicationSecret: CONFORMANCE_SECRET,
              auth: mode,
              ...overrides,
            });
            await scenario.run({
              mode,
              driver: makeDriver(config()),
              makeDriver: (overrides) => makeDriver(config(overrides)),
              control,
              emulator,
            });
          });
        }
      });
    }
  });
}
