import "server-only";

/**
 * Gavel's one door to Sinch: the six named operations of the Calling API v1 that
 * the console uses, and nothing else (no pass-through). It is given its credentials
 * (lib/platform/server/sinch.ts builds the process's client from the configuration).
 *
 * Wire reference: docs/sinch.md. Schemas and signing are
 * shared with the emulator (./schemas.ts, ./signing.ts) so the two cannot drift.
 *
 * Behaviour, in short:
 * - Signed auth by default, Basic by choice. Content-Type: application/json on
 *   every request (as the official Node SDK sends it, GET and DELETE included);
 *   a JSON body is serialised once and the very same bytes are hashed and sent.
 * - Path segments are percent-encoded (`paths`); the signature covers the decoded
 *   path (signRequest decodes).
 * - Every attempt has a timeout (default 5 s). A timeout is never retried: the
 *   request may still be running upstream, and the caller should hear about it
 *   within roughly the timeout.
 * - Only the reads (getConference, getCall) are retried: on a network failure, 429,
 *   500, 502 and 503, with capped full-jitter exponential backoff, honouring
 *   Retry-After, re-signed each attempt (fresh x-timestamp). Commands and callouts
 *   (PATCH, DELETE, POST) are never retried: a mute applied twice is harmless, but
 *   a callout placed twice rings someone's phone twice, and a lost answer does not
 *   mean the command was not carried out.
 * - Answers are validated with the wire schemas, read tolerantly: a null is an
 *   absent field, an enum value Gavel does not know is kept as a string, and an
 *   error body yields whatever fields it has. Failures are the typed errors of
 *   ../errors.ts.
 * - A 404 is Sinch's only when its body is Sinch's JSON error (errorCode 404xx);
 *   any other 404, and any redirect, is a SinchConfigurationError naming the base
 *   URL: a wrong region or proxy must not look like an empty room.
 *
 * One file past the house's 350 lines on purpose: sending, retrying and reading an
 * answer are one policy (which failures are retried, which 404 is Sinch's), and
 * splitting it would scatter the reasons it is written down for.
 */
import {
  SinchConfigurationError,
  SinchHttpError,
  SinchInvalidResponseError,
  SinchNetworkError,
  SinchTimeoutError,
  type SinchOperation,
  type SinchRequestInfo,
} from "../errors";
import {
  callInfoSchema,
  calloutResponseSchema,
  conferenceInfoSchema,
  paths,
  readSinchErrorBody,
  regionBaseUrl,
  withoutNulls,
  type CallInfo,
  type CalloutRequest,
  type MohClass,
  type ParticipantCommand,
  type Region,
  type WireParticipant,
} from "../schemas";
import { basicAuthorization, pathToSign, signRequest } from "../signing";
import { sleep } from "../../util/sleep";

export type { CallInfo, CalloutRequest, MohClass, ParticipantCommand, Region } from "../schemas";

export interface SinchRetryOptions {
  /** Retries after the first attempt, for GETs only. Default 3. */
  maxRetries?: number;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). Default 200. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 2000. */
  maxDelayMs?: number;
  /**
   * The longest Retry-After the client waits out by itself. Default 10 000 ms.
   * A longer one is not retried: the 429/503 is thrown at once with
   * `retryAfterSeconds`, so the console can tell the person when to try again
   * instead of holding their request open.
   */
  maxRetryAfterMs?: number;
}

export interface SinchClientOptions {
  applicationKey: string;
  applicationSecret: string;
  /** Default "signed" (what Sinch's own SDKs send). */
  auth?: "signed" | "basic";
  /** Default "global". Ignored when baseUrl is set. */
  region?: Region;
  /** Overrides region, e.g. the emulator's http://127.0.0.1:4010 (a trailing slash is removed). */
  baseUrl?: string;
  /** Per attempt, headers and body included. Default 5000. */
  timeoutMs?: number;
  retry?: SinchRetryOptions;
  /**
   * Told of every error answer the client throws (not Sinch's 40400 for an empty
   * room), with Sinch's full text on the error: the caller logs it, since what
   * reaches a person carries only a bounded, sanitised part of it. Must not throw.
   */
  onErrorAnswer?: (error: SinchHttpError | SinchConfigurationError) => void;
  /**
   * Told of every attempt, whoever made the request: its HTTP status, or "timeout" /
   * "network" when no answer came (not a caller's own abort). For metrics and the
   * readiness check. Must not throw.
   */
  onAttempt?: (attempt: SinchAttempt) => void;
  /**
   * The clock the client reads for latencies and waits on between attempts. Default:
   * `performance.now` and a real, abortable sleep. Tests pass their own to see which
   * waits the client chose without sitting them out.
   */
  clock?: SinchClock;
}

export interface SinchClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const REAL_CLOCK: SinchClock = { now: () => performance.now(), sleep };

/** One attempt at Sinch as the client's `onAttempt` hears of it. */
export interface SinchAttempt {
  operation: SinchOperation;
  status: number | "timeout" | "network";
  latencyMs: number;
}

/** What one HTTP attempt that got an answer looked like (for the audit trail and logs). */
export interface SinchResponseMeta {
  operation: SinchOperation;
  method: string;
  /** Decoded path. */
  path: string;
  status: number;
  /** From sending the request to having read the whole answer. */
  latencyMs: number;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
}

export interface SinchRequestOptions {
  /** Cancels the request (and any backoff wait); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Overrides the client's timeoutMs for this request. */
  timeoutMs?: number;
  /** Called once per attempt that got an HTTP answer, retried ones included. Must not throw. */
  onResponse?: (meta: SinchResponseMeta) => void;
}

/** A conference participant, normalised from the wire (which makes every field optional). */
export interface Participant {
  callId: string;
  cli: string;
  duration: number;
  muted: boolean;
  onhold: boolean;
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

interface RequestSpec {
  operation: SinchOperation;
  method: Method;
  /** The encoded path, as built by `paths`. */
  path: string;
  body?: unknown;
}

interface Answer {
  status: number;
  text: string;
  retryAfterMs: number | undefined;
  /** The Location and Content-Type headers, for telling Sinch from whatever else answered. */
  location: string | undefined;
  contentType: string | undefined;
  info: SinchRequestInfo;
}

const CONTENT_TYPE = "application/json";
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503]);
const DEFAULTS = {
  timeoutMs: 5000,
  maxRetries: 3,
  baseDelayMs: 200,
  maxDelayMs: 2000,
  maxRetryAfterMs: 10_000,
} as const;

export class SinchClient {
  readonly baseUrl: string;
  readonly auth: "signed" | "basic";
  readonly timeoutMs: number;
  private readonly onErrorAnswer: SinchClientOptions["onErrorAnswer"];
  private readonly onAttempt: SinchClientOptions["onAttempt"];
  private readonly key: string;
  private readonly secret: string;
  private readonly retry: Required<SinchRetryOptions>;
  private readonly clock: SinchClock;

  constructor(opts: SinchClientOptions) {
    if (!opts.applicationKey || !opts.applicationSecret) {
      throw new TypeError("The Sinch client needs an application key and secret");
    }
    this.key = opts.applicationKey;
    this.secret = opts.applicationSecret;
    this.auth = opts.auth ?? "signed";
    this.baseUrl = normaliseBaseUrl(opts.baseUrl ?? regionBaseUrl(opts.region ?? "global"));
    this.timeoutMs = positive(opts.timeoutMs, DEFAULTS.timeoutMs);
    this.onErrorAnswer = opts.onErrorAnswer;
    this.onAttempt = opts.onAttempt;
    this.clock = opts.clock ?? REAL_CLOCK;
    this.retry = {
      maxRetries: Math.max(0, Math.floor(opts.retry?.maxRetries ?? DEFAULTS.maxRetries)),
      baseDelayMs: Math.max(0, opts.retry?.baseDelayMs ?? DEFAULTS.baseDelayMs),
      maxDelayMs: Math.max(0, opts.retry?.maxDelayMs ?? DEFAULTS.maxDelayMs),
      maxRetryAfterMs: Math.max(0, opts.retry?.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs),
    };
  }

  /**
   * Who is in the room. Sinch's 404 / 40400 (nobody connected, or never created),
   * a 204 and an empty 200 are an empty list, not a failure; a 404 that is not
   * Sinch's is a SinchConfigurationError.
   */
  async getConference(conferenceId: string, options?: SinchRequestOptions): Promise<Participant[]> {
    const answer = await this.request(
      { operation: "getConference", method: "GET", path: paths.conference(segment("conferenceId", conferenceId)) },
      options,
    );
    if (answer.status === 404) {
      const failure = this.failure(answer);
      if (failure instanceof SinchHttpError && failure.errorCode === 40400) return [];
      this.onErrorAnswer?.(failure);
      throw failure;
    }
    this.expectSuccess(answer);
    // The spec documents no body for an empty room; a 204 or an empty 200 says nobody is there.
    if (answer.text.trim() === "") return [];
    const info = this.parse(answer, conferenceInfoSchema);
    return (info.participants ?? []).flatMap(normaliseParticipant);
  }

  async manageParticipant(
    conferenceId: string,
    callId: string,
    body: { command: ParticipantCommand; moh?: MohClass },
    options?: SinchRequestOptions,
  ): Promise<void> {
    const wire: { command: ParticipantCommand; moh?: MohClass } = { command: body.command };
    if (body.moh !== undefined) wire.moh = body.moh;
    const answer = await this.request(
      {
        operation: "manageParticipant",
        method: "PATCH",
        path: paths.participant(segment("conferenceId", conferenceId), segment("callId", callId)),
        body: wire,
      },
      options,
    );
    this.expectSuccess(answer);
  }

  async kickParticipant(conferenceId: string, callId: string, options?: SinchRequestOptions): Promise<void> {
    const answer = await this.request(
      {
        operation: "kickParticipant",
        method: "DELETE",
        path: paths.participant(segment("conferenceId", conferenceId), segment("callId", callId)),
      },
      options,
    );
    this.expectSuccess(answer);
  }

  async kickAll(conferenceId: string, options?: SinchRequestOptions): Promise<void> {
    const answer = await this.request(
      { operation: "kickAll", method: "DELETE", path: paths.conference(segment("conferenceId", conferenceId)) },
      options,
    );
    this.expectSuccess(answer);
  }

  async placeCallout(request: CalloutRequest, options?: SinchRequestOptions): Promise<{ callId: string }> {
    const answer = await this.request(
      { operation: "placeCallout", method: "POST", path: paths.callouts(), body: request },
      options,
    );
    const { callId } = this.parse(answer, calloutResponseSchema);
    return { callId };
  }

  async getCall(callId: string, options?: SinchRequestOptions): Promise<CallInfo> {
    const answer = await this.request(
      { operation: "getCall", method: "GET", path: paths.call(segment("callId", callId)) },
      options,
    );
    return this.parse(answer, callInfoSchema);
  }

  // ---------------------------------------------------------------------------

  /** A 2xx answer's body checked against its schema; any other status throws SinchHttpError. */
  private parse<T>(answer: Answer, schema: { safeParse(v: unknown): SafeParse<T> }): T {
    this.expectSuccess(answer);
    let json: unknown;
    try {
      json = JSON.parse(answer.text);
    } catch {
      throw new SinchInvalidResponseError({
        ...answer.info,
        status: answer.status,
        issues: answer.text.trim() === "" ? "the body is empty, JSON was expected" : "the body is not JSON",
      });
    }
    const result = schema.safeParse(withoutNulls(json));
    if (!result.success) {
      throw new SinchInvalidResponseError({
        ...answer.info,
        status: answer.status,
        issues: summariseIssues(result.error.issues),
      });
    }
    return result.data;
  }

  /**
   * Commands succeed on any 2xx (Sinch answers 200, 202 or 204); their body is a
   * meaningless placeholder and is not looked at.
   */
  private expectSuccess(answer: Answer): void {
    if (answer.status >= 200 && answer.status < 300) return;
    const failure = this.failure(answer);
    this.onErrorAnswer?.(failure);
    throw failure;
  }

  /**
   * The error a non-2xx answer stands for. A redirect, or a 404 without Sinch's JSON
   * error in it, did not come from the Calling API: a configuration error.
   */
  private failure(answer: Answer): SinchHttpError | SinchConfigurationError {
    const body = readSinchErrorBody(answer.text);
    const fromSinch = body !== null && isNotFoundCode(body.errorCode);
    if ((answer.status >= 300 && answer.status < 400) || (answer.status === 404 && !fromSinch)) {
      return new SinchConfigurationError({
        ...answer.info,
        status: answer.status,
        baseUrl: this.baseUrl,
        location: answer.location,
        contentType: answer.contentType,
      });
    }
    return new SinchHttpError({
      ...answer.info,
      status: answer.status,
      errorCode: body?.errorCode,
      message: body?.message,
      reference: body?.reference,
      sinchStatus: body?.status,
      retryAfterSeconds: answer.retryAfterMs === undefined ? undefined : Math.ceil(answer.retryAfterMs / 1000),
    });
  }

  /**
   * Sends one operation, retrying reads; returns the final answer whatever its
   * status (callers decide what a 404 means). Throws SinchTimeoutError,
   * SinchNetworkError, or the caller's abort reason.
   */
  private async request(spec: RequestSpec, options: SinchRequestOptions = {}): Promise<Answer> {
    const url = `${this.baseUrl}${spec.path}`;
    // The path the server will see (the base URL may carry a prefix); it is what gets signed.
    const wirePath = new URL(url).pathname;
    const decodedPath = pathToSign(spec.path);
    // Serialised once: the bytes hashed for the signature are the bytes sent.
    const body = spec.body === undefined ? undefined : new TextEncoder().encode(JSON.stringify(spec.body));
    const retries = spec.method === "GET" ? this.retry.maxRetries : 0;
    const timeoutMs = positive(options.timeoutMs, this.timeoutMs);
    const started = this.clock.now();
    const info = (attempt: number): SinchRequestInfo => ({
      operation: spec.operation,
      method: spec.method,
      path: decodedPath,
      attempts: attempt,
      elapsedMs: Math.round(this.clock.now() - started),
    });

    for (let attempt = 1; ; attempt++) {
      options.signal?.throwIfAborted();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
      const sentAt = this.clock.now();
      let status: number;
      let headers: Headers;
      let text: string;
      try {
        // Node's global fetch (undici) keeps connections alive and reuses them per
        // origin by default, so there is no agent to manage here (and undici's Agent
        // is not a dependency of this project).
        const res = await fetch(url, {
          method: spec.method,
          headers: this.headers(spec.method, wirePath, body),
          body,
          signal,
          // Never follow a redirect with our Authorization header; a 3xx is an error.
          redirect: "manual",
          // Next.js patches fetch and can cache GETs: conference state must always be live.
          cache: "no-store",
        });
        status = res.status;
        headers = res.headers;
        // Reading the body to the end also frees the connection for reuse; the
        // timeout covers it, so a server that stalls mid-body times out too.
        text = await res.text();
      } catch (e) {
        if (options.signal?.aborted) throw options.signal.reason;
        this.tell(spec.operation, timeout.aborted ? "timeout" : "network", sentAt);
        if (timeout.aborted) throw new SinchTimeoutError({ ...info(attempt), timeoutMs });
        if (attempt <= retries) {
          await this.clock.sleep(this.backoff(attempt), options.signal);
          continue;
        }
        throw new SinchNetworkError({ ...info(attempt), cause: e });
      }

      const latencyMs = Math.round(this.clock.now() - sentAt);
      this.tell(spec.operation, status, sentAt);
      if (options.onResponse) {
        try {
          options.onResponse({
            operation: spec.operation,
            method: spec.method,
            path: decodedPath,
            status,
            latencyMs,
            attempt,
          });
        } catch {
          // An observer's failure must not turn an answered request into a failed one
          // (a mute that happened would be reported as not done).
        }
      }

      const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
      if (attempt <= retries && RETRYABLE_STATUSES.has(status)) {
        if (retryAfterMs === undefined) {
          await this.clock.sleep(this.backoff(attempt), options.signal);
          continue;
        }
        if (retryAfterMs <= this.retry.maxRetryAfterMs) {
          await this.clock.sleep(retryAfterMs, options.signal);
          continue;
        }
        // Longer than we are willing to hold a person's request: give the 429/503 back.
      }
      return {
        status,
        text,
        retryAfterMs,
        location: headers.get("location") ?? undefined,
        contentType: headers.get("content-type") ?? undefined,
        info: info(attempt),
      };
    }
  }

  private tell(operation: SinchOperation, status: SinchAttempt["status"], sentAt: number): void {
    try {
      this.onAttempt?.({ operation, status, latencyMs: this.clock.now() - sentAt });
    } catch {
      // An observer's failure changes nothing about the request.
    }
  }

  private headers(method: Method, wirePath: string, body: Uint8Array | undefined): Record<string, string> {
    const headers: Record<string, string> = { "content-type": CONTENT_TYPE, accept: "application/json" };
    if (this.auth === "basic") {
      headers.authorization = basicAuthorization(this.key, this.secret);
    } else {
      // Called per attempt: every retry carries a fresh x-timestamp.
      const signed = signRequest({
        key: this.key,
        secret: this.secret,
        method,
        path: wirePath,
        body,
        contentType: CONTENT_TYPE,
      });
      headers.authorization = signed.authorization;
      headers["x-timestamp"] = signed["x-timestamp"];
    }
    return headers;
  }

  /** Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): uniform in [0, cap). */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.random() * ceiling;
  }
}

// -----------------------------------------------------------------------------

type SafeParse<T> =
  | { success: true; data: T }
  | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };

function normaliseParticipant(p: WireParticipant): Participant[] {
  // Without an id a participant cannot be muted or kicked: there is nothing to show.
  if (!p.id) return [];
  return [
    {
      callId: p.id,
      cli: p.cli ?? "",
      duration: p.duration ?? 0,
      muted: p.muted ?? false,
      onhold: p.onhold ?? false,
    },
  ];
}

/** Sinch's errorCode for "not found": 404 followed by two digits, as a number or a numeric string. */
function isNotFoundCode(code: number | string | undefined): boolean {
  const n = typeof code === "string" && /^\s*\d+\s*$/.test(code) ? Number(code) : code;
  return typeof n === "number" && n >= 40400 && n <= 40499;
}

function summariseIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  const shown = issues.slice(0, 3).map((i) => {
    const where = i.path.length ? i.path.map(String).join(".") : "the body";
    return `${where}: ${i.message}`;
  });
  const more = issues.length > 3 ? ` and ${issues.length - 3} more` : "";
  return shown.join("; ") + more;
}

/**
 * Retry-After as milliseconds from now: delta-seconds or an HTTP-date. Anything
 * else is ignored (undefined), and a date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Guards a path segment. `paths` percent-encodes it, but encodeURIComponent leaves
 * "." and ".." as they are, and fetch's URL parser resolves those away (a kick of
 * conference ".." would become DELETE /calling/v1/conferences); an empty segment
 * hits another route. None of them can name a conference or call.
 */
function segment(name: string, value: string): string {
  if (value === "" || value === "." || value === "..") {
    throw new RangeError(`${name} must not be empty, "." or ".." (got "${value}")`);
  }
  return value;
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`The Sinch base URL "${raw}" is not an absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`The Sinch base URL "${raw}" must start with http:// or https://`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError(`The Sinch base URL "${raw}" must not carry a query, fragment or credentials`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}
