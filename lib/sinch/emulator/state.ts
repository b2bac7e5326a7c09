/**
 * The emulator's living simulation: conference rooms, their participants and
 * every call's record. Sinch operations (callouts, conference info, kicks, call
 * info) and the control API both act on this one state.
 *
 * Rooms and calls are regional, as at Sinch: each region (the global host is
 * one more) has its own namespace, so a room placed through one region's base URL
 * is "not found" through another's. Every Sinch operation and control method takes
 * the region it was reached through (default: global).
 *
 * One file, longer than the house's 350 lines, on purpose: rooms, calls and timers
 * form one state machine whose invariants (a room disappears with its last
 * participant, a call's record follows its room) are checked in one place.
 *
 * Time is real: a callout rings, then answers and joins its room on a timer;
 * durations are not stored but computed from the join/answer time whenever
 * they are read, so they tick. Every timer is unref'ed (an idle emulator never
 * keeps a test process alive) and tracked, so reset and close cancel them.
 */
import { randomBytes } from "node:crypto";
import {
  type CallInfo,
  type CallReason,
  type CallResult,
  type CallStatus,
  type CalloutRequest,
  type ConferenceCallout,
  type CustomCallout,
  type Destination,
  type ManageParticipant,
  type MohClass,
  type TtsCallout,
  type WireParticipant,
} from "../schemas";
import { connectConfOf, iceDestination } from "../svaml";
import { SinchHttpError, notFound } from "./errors";
import { specialNumber } from "./special-numbers";

/** The namespace of the emulator's unprefixed base URL, standing for Sinch's global host. */
export const GLOBAL_REGION = "global";

const roomKey = (region: string, conferenceId: string) => `${region}\u0000${conferenceId}`;

export interface EmulatorSettings {
  /** How long a callout rings before the callee answers. */
  ringMs: number;
  /** How far an x-timestamp may be from the emulator's clock (either way). */
  clockSkewMs: number;
  /**
   * Added to the emulator's clock when it checks x-timestamp freshness only:
   * lets a test pretend Sinch's clock drifted, to see a 40101, with any client.
   */
  clockOffsetMs: number;
  /** How long a TTS callout "speaks" per character of text or prompts. */
  speechMsPerChar: number;
}

export const DEFAULT_SETTINGS: Readonly<EmulatorSettings> = Object.freeze({
  ringMs: 2000,
  clockSkewMs: 15 * 60 * 1000,
  clockOffsetMs: 0,
  speechMsPerChar: 60,
});

/** At the default speech rate a TTS message lasts at least 1 s; the floor scales with the rate. */
const MIN_SPOKEN_CHARS = Math.ceil(1000 / DEFAULT_SETTINGS.speechMsPerChar);

/** Finished calls kept for GET /calls/id; the oldest finished ones are dropped beyond this. */
export const MAX_CALL_RECORDS = 10_000;

/** What Sinch bills per started minute in this sandbox (reference section 6: userRate, debit). */
const USER_RATE = { currencyId: "EUR", amount: 0.0135 } as const;

/** Where a call came from: a callout method, the control API, or the sandbox scene. */
export type CallKind = "conferenceCallout" | "ttsCallout" | "customCallout" | "control" | "scene";

export interface CallRecord {
  callId: string;
  kind: CallKind;
  from: { type: "number"; endpoint: string };
  to: { type: string; endpoint: string };
  domain: string;
  status: CallStatus;
  result: CallResult;
  reason: CallReason;
  createdAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  custom: string | null;
  /** The conference this call joins (or joined), if any. */
  conferenceId: string | null;
  /** The region the call was placed in; its room and its record live there. */
  region: string;
}

export interface Participant {
  callId: string;
  cli: string;
  joinedAt: number;
  muted: boolean;
  onhold: boolean;
  /** What the participant hears while on hold (from the onhold command), null for silence. */
  moh: MohClass | null;
  /** The callout's `custom`, kept for the control API (Sinch's conference info does not return it). */
  custom: string | null;
  /** The callout's mohClass: what the callee hears while alone in the room. */
  mohClass: MohClass | null;
}

export interface Room {
  conferenceId: string;
  region: string;
  createdAt: number;
  /** Insertion-ordered, so conference info lists participants in join order. */
  participants: Map<string, Participant>;
}

/** A participant as the control API creates it (PUT room, POST participant). */
export interface ParticipantSpec {
  cli: string;
  callId?: string;
  muted?: boolean;
  onhold?: boolean;
  moh?: MohClass | null;
  custom?: string | null;
  durationSeconds?: number;
}

/** The control API's view of a participant. */
export interface ParticipantView {
  callId: string;
  cli: string;
  muted: boolean;
  onhold: boolean;
  moh: MohClass | null;
  duration: number;
  joinedAt: string;
  custom: string | null;
}

export interface RoomView {
  conferenceId: string;
  /** Present for rooms outside the global namespace. */
  region?: string;
  participants: ParticipantView[];
}

/** The control API's view of a call: Sinch's call info plus what the emulator knows besides. */
export interface CallView extends CallInfo {
  kind: CallKind;
  conferenceId: string | null;
  createdAt: string;
  answeredAt: string | null;
  endedAt: string | null;
}

/** A 32-hex-character id, the shape Sinch's callIds have. */
export function newCallId(): string {
  return randomBytes(16).toString("hex");
}

const iso = (ms: number) => new Date(ms).toISOString();
const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

function domainOf(destination: Destination, requested: string | undefined): string {
  // The spec accepts "PSTN" and "MXP" too; call info reports the lowercase form.
  if (requested) return requested.toLowerCase();
  switch (destination.type.toLowerCase()) {
    case "username":
      return "mxp";
    case "sip":
      return "sip";
    default:
      return "pstn";
  }
}

export class EmulatorState {
  settings: EmulatorSettings;
  /** Keyed by region and conferenceId (roomKey). */
  readonly rooms = new Map<string, Room>();
  readonly calls = new Map<string, CallRecord>();
  /** Pending simulation timers per callId (ring, maxDuration, end of speech). */
  private readonly callTimers = new Map<string, Set<NodeJS.Timeout>>();

  constructor(
    private readonly defaults: EmulatorSettings,
    private readonly log: (line: string) => void = () => {},
    readonly now: () => number = Date.now,
  ) {
    this.settings = { ...defaults };
  }

  // ---------------------------------------------------------------- Sinch operations

  /** POST /callouts: records the call (ONGOING, N/A) and schedules what happens next. */
  placeCallout(request: CalloutRequest, region: string = GLOBAL_REGION): string {
    switch (request.method) {
      case "conferenceCallout":
        return this.conferenceCallout(request.conferenceCallout, region);
      case "ttsCallout":
        return this.ttsCallout(request.ttsCallout, region);
      case "customCallout":
        return this.customCallout(request.customCallout, region);
    }
  }

  /** GET /conferences/id/{id}: Sinch's participant list. Nobody there is 404 (reference section 3). */
  getConference(conferenceId: string, region: string = GLOBAL_REGION): WireParticipant[] {
    const room = this.requireRoom(conferenceId, region);
    const now = this.now();
    return [...room.participants.values()].map((p) => ({
      cli: p.cli,
      id: p.callId,
      duration: seconds(now - p.joinedAt),
      muted: p.muted,
      onhold: p.onhold,
    }));
  }

  /** DELETE /conferences/id/{id}: everyone is hung up by the manager; the room disappears. */
  kickAll(conferenceId: string, region: string = GLOBAL_REGION): void {
    const room = this.requireRoom(conferenceId, region);
    for (const callId of [...room.participants.keys()]) this.leave(room, callId, "MANAGERHANGUP");
    this.log(`conference ${conferenceId}: all participants kicked`);
  }

  /** PATCH /conferences/id/{id}/{callId}: mute, unmute, hold (with music) or resume; state persists. */
  manageParticipant(
    conferenceId: string,
    callId: string,
    body: ManageParticipant,
    region: string = GLOBAL_REGION,
  ): void {
    const participant = this.requireParticipant(conferenceId, callId, region);
    switch (body.command) {
      case "mute":
        participant.muted = true;
        break;
      case "unmute":
        participant.muted = false;
        break;
      case "onhold":
        participant.onhold = true;
        participant.moh = body.moh ?? null;
        break;
      case "resume":
        participant.onhold = false;
        participant.moh = null;
        break;
    }
    this.log(`conference ${conferenceId}: ${body.command}${body.moh ? ` (${body.moh})` : ""} ${callId}`);
  }

  /** DELETE /conferences/id/{id}/{callId}: the participant is hung up by the manager. */
  kickParticipant(conferenceId: string, callId: string, region: string = GLOBAL_REGION): void {
    const room = this.requireRoom(conferenceId, region);
    this.requireParticipant(conferenceId, callId, region);
    this.leave(room, callId, "MANAGERHANGUP");
    this.log(`conference ${conferenceId}: kicked ${callId}`);
  }

  /** GET /calls/id/{callId}. */
  getCall(callId: string, region: string = GLOBAL_REGION): CallInfo {
    const call = this.calls.get(callId);
    // A call belongs to the region it was placed in: another region does not know it.
    if (!call || call.region !== region) throw notFound(`Call ${callId} not found`);
    return this.callInfo(call);
  }

  // ---------------------------------------------------------------- control operations

  /** Every room with its participants (of one region, if given), for the control API. */
  listRooms(region?: string): RoomView[] {
    return [...this.rooms.values()]
      .filter((room) => region === undefined || room.region === region)
      .map((room) => this.roomView(room));
  }

  getRoomView(conferenceId: string, region: string = GLOBAL_REGION): RoomView | undefined {
    const room = this.rooms.get(roomKey(region, conferenceId));
    return room ? this.roomView(room) : undefined;
  }

  /**
   * Creates or replaces a room with exactly these participants, all already
   * answered (ONGOING / ANSWERED). Participants of the old room whose callId is
   * not in the new list hang up (CALLEEHANGUP); those that are kept keep their call.
   */
  putRoom(
    conferenceId: string,
    specs: ParticipantSpec[],
    kind: CallKind = "control",
    region: string = GLOBAL_REGION,
  ): RoomView {
    const ids = specs.map((s) => s.callId).filter((id): id is string => id !== undefined);
    if (new Set(ids).size !== ids.length) throw new SinchHttpError(400, 40001, "Duplicate callId in participants");
    for (const id of ids) this.assertCallIdFree(id, conferenceId, region);
    // Validated in full before anything changes, so a refused PUT leaves the room as it was.
    const kept = new Map<string, Participant>();
    const existing = this.rooms.get(roomKey(region, conferenceId));
    if (existing) {
      for (const [callId, participant] of [...existing.participants]) {
        if (ids.includes(callId)) {
          kept.set(callId, participant);
          existing.participants.delete(callId); // re-inserted below with the new attributes
        } else {
          this.leave(existing, callId, "CALLEEHANGUP");
        }
      }
    }
    for (const spec of specs)
      this.insertParticipant(conferenceId, region, spec, kind, spec.callId ? kept.get(spec.callId) : undefined);
    return this.getRoomView(conferenceId, region) ?? { conferenceId, participants: [] };
  }

  /** Puts one already-answered participant in a room (creating it), with a call record. */
  addParticipant(
    conferenceId: string,
    spec: ParticipantSpec,
    kind: CallKind = "control",
    region: string = GLOBAL_REGION,
  ): ParticipantView {
    if (spec.callId !== undefined) {
      this.assertCallIdFree(spec.callId, conferenceId, region);
      if (this.rooms.get(roomKey(region, conferenceId))?.participants.has(spec.callId)) {
        throw new SinchHttpError(409, 40900, `callId ${spec.callId} is already in conference ${conferenceId}`);
      }
    }
    return this.participantView(this.insertParticipant(conferenceId, region, spec, kind, undefined), this.now());
  }

  /**
   * Inserts without checks (callers have checked). A participant kept across a PUT
   * keeps its call record and, unless durationSeconds is given, its join time.
   */
  private insertParticipant(
    conferenceId: string,
    region: string,
    spec: ParticipantSpec,
    kind: CallKind,
    kept: Participant | undefined,
  ): Participant {
    const callId = spec.callId ?? newCallId();
    const now = this.now();
    const joinedAt = spec.durationSeconds !== undefined ? now - spec.durationSeconds * 1000 : (kept?.joinedAt ?? now);
    const previous = kept ? this.calls.get(callId) : undefined;
    const isNumber = spec.cli.startsWith("+");
    const call: CallRecord = {
      callId,
      kind: previous?.kind ?? kind,
      from: previous?.from ?? { type: "number", endpoint: "" },
      to: previous?.to ?? { type: isNumber ? "number" : "username", endpoint: spec.cli },
      domain: previous?.domain ?? (isNumber ? "pstn" : "mxp"),
      status: "ONGOING",
      result: "ANSWERED",
      reason: "N/A",
      createdAt: Math.min(previous?.createdAt ?? joinedAt, joinedAt),
      answeredAt: Math.min(previous?.answeredAt ?? joinedAt, joinedAt),
      endedAt: null,
      custom: spec.custom !== undefined ? spec.custom : (previous?.custom ?? null),
      conferenceId,
      region,
    };
    this.storeCall(call);
    return this.join(conferenceId, call, {
      cli: spec.cli,
      joinedAt,
      muted: spec.muted ?? false,
      onhold: spec.onhold ?? false,
      moh: spec.onhold ? (spec.moh ?? null) : null,
      custom: call.custom,
      mohClass: kept?.mohClass ?? null,
    });
  }

  /** The participant hangs up on their own (CALLEEHANGUP). False if there is no such participant. */
  hangUpParticipant(conferenceId: string, callId: string, region: string = GLOBAL_REGION): boolean {
    const room = this.rooms.get(roomKey(region, conferenceId));
    if (!room?.participants.has(callId)) return false;
    this.leave(room, callId, "CALLEEHANGUP");
    this.log(`conference ${conferenceId}: ${callId} hung up`);
    return true;
  }

  /** Everyone in the room hangs up on their own. False if there is no such room. */
  hangUpRoom(conferenceId: string, region: string = GLOBAL_REGION): boolean {
    const room = this.rooms.get(roomKey(region, conferenceId));
    if (!room) return false;
    for (const callId of [...room.participants.keys()]) this.leave(room, callId, "CALLEEHANGUP");
    return true;
  }

  listCalls(): CallView[] {
    return [...this.calls.values()].map((c) => this.callView(c));
  }

  getCallView(callId: string): CallView | undefined {
    const call = this.calls.get(callId);
    return call ? this.callView(call) : undefined;
  }

  /** Forgets every room and call, cancels every timer and restores the default settings. */
  reset(): void {
    this.cancelAllTimers();
    this.rooms.clear();
    this.calls.clear();
    this.settings = { ...this.defaults };
  }

  /** Stops the simulation for good (the server is closing). */
  dispose(): void {
    this.cancelAllTimers();
  }

  // ---------------------------------------------------------------- callout flows

  private conferenceCallout(c: ConferenceCallout, region: string): string {
    const call = this.createCall("conferenceCallout", region, c.destination, c.cli, c.domain, c.custom, c.conferenceId);
    this.ring(call, () =>
      this.joinFromCallout(call, {
        conferenceId: c.conferenceId,
        mohClass: c.mohClass ?? null,
        maxDurationSeconds: c.maxDuration,
      }),
    );
    return call.callId;
  }

  private ttsCallout(c: TtsCallout, region: string): string {
    const call = this.createCall("ttsCallout", region, c.destination, c.cli, c.domain, c.custom, null);
    const spoken = (c.text ?? c.prompts ?? "").length;
    this.ring(call, () => {
      this.answer(call);
      const speechMs = Math.max(spoken, MIN_SPOKEN_CHARS) * this.settings.speechMsPerChar;
      // Once the message is spoken the application side hangs up: CALLERHANGUP.
      this.after(call.callId, speechMs, () => this.endCall(call, "ANSWERED", "CALLERHANGUP"));
    });
    return call.callId;
  }

  private customCallout(c: CustomCallout, region: string): string {
    // Without a destination (allowed when the ICE is inline SVAML) the callee is the
    // one the SVAML names, if it names one (connectPstn's number).
    const destination = c.destination ?? iceDestination(c.ice);
    const ice = connectConfOf(c.ice);
    const conferenceId = ice.kind === "connectConf" ? ice.conferenceId : null;
    const call = this.createCall("customCallout", region, destination, c.cli, undefined, c.custom, conferenceId);
    this.ring(call, () => {
      if (ice.kind === "connectConf") {
        this.joinFromCallout(call, {
          conferenceId: ice.conferenceId,
          mohClass: ice.moh,
          maxDurationSeconds: c.maxDuration,
        });
      } else if (ice.kind === "invalidConnectConf") {
        // Sinch executes the SVAML when the call connects; a connectConf without a usable
        // conferenceId fails the call there rather than at callout time.
        this.endCall(call, "FAILED", "INVALIDSVAMLACTION");
      } else {
        // No SVAML to follow (a callback URL nobody answers, or another action): the
        // callee picks up and the application side hangs up shortly after.
        this.answer(call);
        this.after(call.callId, this.settings.ringMs, () => this.endCall(call, "ANSWERED", "CALLERHANGUP"));
      }
    });
    return call.callId;
  }

  private createCall(
    kind: CallKind,
    region: string,
    destination: Destination,
    cli: string | undefined,
    domain: string | undefined,
    custom: string | undefined,
    conferenceId: string | null,
  ): CallRecord {
    const call: CallRecord = {
      callId: newCallId(),
      kind,
      from: { type: "number", endpoint: cli ?? "" },
      to: { type: destination.type, endpoint: destination.endpoint },
      domain: domainOf(destination, domain),
      status: "ONGOING",
      result: "N/A",
      reason: "N/A",
      createdAt: this.now(),
      answeredAt: null,
      endedAt: null,
      custom: custom ?? null,
      conferenceId,
      region,
    };
    this.storeCall(call);
    this.log(
      `${kind} ${call.callId} to ${destination.endpoint}${region === GLOBAL_REGION ? "" : ` (${region})`}: ringing`,
    );
    return call;
  }

  /** Rings, then either answers (onAnswer) or ends the way a special number says. */
  private ring(call: CallRecord, onAnswer: () => void): void {
    const special = specialNumber(call.to.endpoint);
    const ringMs = this.settings.ringMs;
    if (special) {
      this.after(call.callId, Math.round(ringMs * special.ringFactor), () =>
        this.endCall(call, special.result, special.reason),
      );
    } else {
      this.after(call.callId, ringMs, onAnswer);
    }
  }

  private answer(call: CallRecord): void {
    call.result = "ANSWERED";
    call.answeredAt = this.now();
    this.log(`${call.kind} ${call.callId}: answered`);
  }

  private joinFromCallout(
    call: CallRecord,
    opts: { conferenceId: string; mohClass: MohClass | null; maxDurationSeconds: number | undefined },
  ): void {
    this.answer(call);
    call.conferenceId = opts.conferenceId;
    this.join(opts.conferenceId, call, {
      cli: call.to.endpoint,
      joinedAt: this.now(),
      muted: false,
      onhold: false,
      moh: null,
      custom: call.custom,
      mohClass: opts.mohClass,
    });
    // maxDuration 0 (or absent) means no limit.
    if (opts.maxDurationSeconds) {
      const limitMs = opts.maxDurationSeconds * 1000;
      this.after(call.callId, limitMs, () => {
        const room = this.rooms.get(roomKey(call.region, opts.conferenceId));
        // Sinch ends the call at the limit: its record says exactly maxDuration, even
        // when the timer fires a millisecond before Date.now() has moved that far.
        const at = Math.max(this.now(), (call.answeredAt ?? this.now()) + limitMs);
        if (room?.participants.has(call.callId)) this.leave(room, call.callId, "TIMEOUT", at);
      });
    }
  }

  // ---------------------------------------------------------------- rooms and calls

  private join(conferenceId: string, call: CallRecord, p: Omit<Participant, "callId">): Participant {
    const key = roomKey(call.region, conferenceId);
    let room = this.rooms.get(key);
    if (!room) {
      // The room is created when its first callee joins (reference section 4), in the call's region.
      room = { conferenceId, region: call.region, createdAt: this.now(), participants: new Map() };
      this.rooms.set(key, room);
    }
    const participant: Participant = { callId: call.callId, ...p };
    room.participants.set(call.callId, participant);
    this.log(`conference ${conferenceId}: ${p.cli} joined (${call.callId})`);
    return participant;
  }

  /** Removes a participant; ends its call as ANSWERED with this reason; an empty room disappears. */
  private leave(room: Room, callId: string, reason: CallReason, at: number = this.now()): void {
    room.participants.delete(callId);
    if (room.participants.size === 0) this.rooms.delete(roomKey(room.region, room.conferenceId));
    const call = this.calls.get(callId);
    if (call) this.endCall(call, "ANSWERED", reason, at);
  }

  private endCall(call: CallRecord, result: CallResult, reason: CallReason, at: number = this.now()): void {
    if (call.status === "FINAL") return;
    call.status = "FINAL";
    call.result = result;
    call.reason = reason;
    call.endedAt = at;
    this.clearCallTimers(call.callId);
    // A call that ends while in a room (maxDuration) must not stay listed in it.
    const room = call.conferenceId ? this.rooms.get(roomKey(call.region, call.conferenceId)) : undefined;
    if (room?.participants.delete(call.callId) && room.participants.size === 0) {
      this.rooms.delete(roomKey(room.region, room.conferenceId));
    }
    this.log(`${call.kind} ${call.callId}: FINAL ${result} ${reason}`);
  }

  private storeCall(call: CallRecord): void {
    this.calls.set(call.callId, call);
    if (this.calls.size <= MAX_CALL_RECORDS) return;
    // Drop the oldest finished calls; ongoing ones are never forgotten.
    for (const [id, c] of this.calls) {
      if (this.calls.size <= MAX_CALL_RECORDS) break;
      if (c.status === "FINAL") this.calls.delete(id);
    }
  }

  /** A callId given to the control API must not belong to a live call somewhere else. */
  private assertCallIdFree(callId: string, conferenceId: string, region: string): void {
    const call = this.calls.get(callId);
    const here = call?.conferenceId === conferenceId && call.region === region;
    if (call && call.status === "ONGOING" && !here) {
      throw new SinchHttpError(409, 40900, `callId ${callId} is already in use by an ongoing call`);
    }
    const room = this.rooms.get(roomKey(region, conferenceId));
    if (call && call.status === "ONGOING" && here && !room?.participants.has(callId)) {
      throw new SinchHttpError(409, 40900, `callId ${callId} is still ringing towards ${conferenceId}`);
    }
  }

  private requireRoom(conferenceId: string, region: string): Room {
    const room = this.rooms.get(roomKey(region, conferenceId));
    if (!room || room.participants.size === 0) throw notFound(`Conference ${conferenceId} not found`);
    return room;
  }

  private requireParticipant(conferenceId: string, callId: string, region: string): Participant {
    const participant = this.requireRoom(conferenceId, region).participants.get(callId);
    if (!participant) throw notFound(`Participant ${callId} not found in conference ${conferenceId}`);
    return participant;
  }

  // ---------------------------------------------------------------- views

  private callInfo(call: CallRecord): CallInfo {
    const end = call.endedAt ?? this.now();
    const duration = call.answeredAt === null ? 0 : seconds(end - call.answeredAt);
    const minutes = Math.ceil(duration / 60);
    return {
      from: { ...call.from },
      to: { ...call.to },
      domain: call.domain,
      callId: call.callId,
      duration,
      status: call.status,
      result: call.result,
      reason: call.reason,
      timestamp: iso(call.createdAt),
      custom: call.custom ?? "",
      userRate: { ...USER_RATE },
      debit: { currencyId: USER_RATE.currencyId, amount: Number((minutes * USER_RATE.amount).toFixed(4)) },
    };
  }

  private callView(call: CallRecord): CallView {
    return {
      ...this.callInfo(call),
      kind: call.kind,
      conferenceId: call.conferenceId,
      createdAt: iso(call.createdAt),
      answeredAt: call.answeredAt === null ? null : iso(call.answeredAt),
      endedAt: call.endedAt === null ? null : iso(call.endedAt),
    };
  }

  private participantView(p: Participant, now: number): ParticipantView {
    return {
      callId: p.callId,
      cli: p.cli,
      muted: p.muted,
      onhold: p.onhold,
      moh: p.moh,
      duration: seconds(now - p.joinedAt),
      joinedAt: iso(p.joinedAt),
      custom: p.custom,
    };
  }

  private roomView(room: Room): RoomView {
    const now = this.now();
    return {
      conferenceId: room.conferenceId,
      ...(room.region !== GLOBAL_REGION && { region: room.region }),
      participants: [...room.participants.values()].map((p) => this.participantView(p, now)),
    };
  }

  // ---------------------------------------------------------------- timers

  private after(callId: string, ms: number, fn: () => void): void {
    let timers = this.callTimers.get(callId);
    if (!timers) {
      timers = new Set();
      this.callTimers.set(callId, timers);
    }
    const set = timers;
    const timer = setTimeout(
      () => {
        set.delete(timer);
        if (set.size === 0) this.callTimers.delete(callId);
        try {
          fn();
        } catch (error) {
          // A simulation step must never take the server down.
          this.log(`simulation error for ${callId}: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
      Math.max(0, ms),
    );
    timer.unref();
    set.add(timer);
  }

  private clearCallTimers(callId: string): void {
    const timers = this.callTimers.get(callId);
    if (!timers) return;
    for (const t of timers) clearTimeout(t);
    this.callTimers.delete(callId);
  }

  private cancelAllTimers(): void {
    for (const timers of this.callTimers.values()) for (const t of timers) clearTimeout(t);
    this.callTimers.clear();
  }
}
