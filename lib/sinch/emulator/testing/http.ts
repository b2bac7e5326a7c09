/**
 * Test helpers that talk to a running emulator over real HTTP: a raw Sinch
 * request builder (signed with the shared signing module, or Basic, or
 * deliberately wrong) and a thin client for the control API.
 */
import type { z } from "zod";
import { basicAuthorization, signRequest } from "../../signing";
import type { newFaultSchema } from "../faults";
import type { CallView, LoggedRequest, RoomView } from "../index";
import type { ParticipantSpec, ParticipantView, EmulatorSettings } from "../state";

/** A fault as POST /_emulator/faults takes it (match and count may be left out). */
export type NewFault = z.input<typeof newFaultSchema>;

export interface EmulatorEndpoint {
  url: string;
  applicationKey: string;
  applicationSecret: string;
}

export type RawAuth =
  | "signed"
  | "basic"
  /** Basic with the older `application\{key}` username. */
  | "basic-legacy"
  | "none"
  | { authorization: string; timestamp?: string };

export interface SinchRequestOptions {
  /** A string is sent byte for byte; anything else is JSON.stringify'd. */
  body?: unknown;
  auth?: RawAuth;
  /** The Content-Type header to send (and sign); null sends none. Default application/json. */
  contentType?: string | null;
  /** Signs with this content type instead of the one sent (to provoke 40102). */
  signedContentType?: string;
  /** x-timestamp to sign and send. Default now. */
  timestamp?: string;
  key?: string;
  secret?: string;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

async function toRaw(response: Response): Promise<RawResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Sends one request to the Sinch side of the emulator. `path` is sent exactly as given (already encoded). */
export async function sinchRequest(
  emu: EmulatorEndpoint,
  method: string,
  path: string,
  options: SinchRequestOptions = {},
): Promise<RawResponse> {
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  const contentType = options.contentType === undefined ? "application/json" : options.contentType;
  const key = options.key ?? emu.applicationKey;
  const secret = options.secret ?? emu.applicationSecret;
  const headers: Record<string, string> = {};
  if (contentType !== null) headers["content-type"] = contentType;
  const auth = options.auth ?? "signed";
  if (auth === "signed") {
    Object.assign(
      headers,
      signRequest({
        key,
        secret,
        method,
        path,
        body,
        contentType: options.signedContentType ?? contentType ?? "",
        timestamp: options.timestamp,
      }),
    );
  } else if (auth === "basic") {
    headers.authorization = basicAuthorization(key, secret);
  } else if (auth === "basic-legacy") {
    headers.authorization = basicAuthorization(`application\\${key}`, secret);
  } else if (auth !== "none") {
    headers.authorization = auth.authorization;
    if (auth.timestamp !== undefined) headers["x-timestamp"] = auth.timestamp;
  }
  const response = await fetch(emu.url + path, { method, headers, body, signal: options.signal });
  return toRaw(response);
}

/** The control API, typed. Every method throws on an unexpected status. */
export class ControlClient {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown): Promise<RawResponse> {
    const response = await fetch(`${this.baseUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return toRaw(response);
  }

  private async ok<T>(method: string, path: string, body?: unknown, expected = [200, 201]): Promise<T> {
    const res = await this.request(method, path, body);
    if (!expected.includes(res.status)) throw new Error(`${method} /_emulator${path}: ${res.status} ${res.text}`);
    return res.json as T;
  }

  reset() {
    return this.ok<{ ok: true }>("POST", "/reset");
  }
  health() {
    return this.ok<{ ok: true; conferences: number; calls: number }>("GET", "/health");
  }
  settings() {
    return this.ok<EmulatorSettings>("GET", "/settings");
  }
  patchSettings(patch: Partial<EmulatorSettings>) {
    return this.ok<EmulatorSettings>("PATCH", "/settings", patch);
  }
  putRoom(conferenceId: string, participants: ParticipantSpec[]) {
    return this.ok<RoomView>("PUT", `/conferences/${encodeURIComponent(conferenceId)}`, { participants });
  }
  addParticipant(conferenceId: string, participant: ParticipantSpec) {
    return this.ok<ParticipantView>(
      "POST",
      `/conferences/${encodeURIComponent(conferenceId)}/participants`,
      participant,
    );
  }
  hangUp(conferenceId: string, callId: string) {
    return this.ok<{ ok: true }>(
      "DELETE",
      `/conferences/${encodeURIComponent(conferenceId)}/participants/${encodeURIComponent(callId)}`,
    );
  }
  /** Everyone in the room hangs up; false when there was no room (already empty). */
  async hangUpRoom(conferenceId: string): Promise<boolean> {
    const res = await this.request("DELETE", `/conferences/${encodeURIComponent(conferenceId)}`);
    if (res.status === 404) return false;
    if (res.status !== 200) throw new Error(`DELETE room ${conferenceId}: ${res.status} ${res.text}`);
    return true;
  }
  async room(conferenceId: string): Promise<RoomView | undefined> {
    const res = await this.request("GET", `/conferences/${encodeURIComponent(conferenceId)}`);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new Error(`GET room ${conferenceId}: ${res.status} ${res.text}`);
    return res.json as RoomView;
  }
  async rooms(): Promise<RoomView[]> {
    return (await this.ok<{ conferences: RoomView[] }>("GET", "/conferences")).conferences;
  }
  async call(callId: string): Promise<CallView | undefined> {
    const res = await this.request("GET", `/calls/${encodeURIComponent(callId)}`);
    if (res.status === 404) return undefined;
    return res.json as CallView;
  }
  async calls(): Promise<CallView[]> {
    return (await this.ok<{ calls: CallView[] }>("GET", "/calls")).calls;
  }
  addFault(fault: NewFault) {
    return this.ok<{ id: string; remaining: number }>("POST", "/faults", fault);
  }
  async faults(): Promise<Array<{ id: string; remaining: number }>> {
    return (await this.ok<{ faults: Array<{ id: string; remaining: number }> }>("GET", "/faults")).faults;
  }
  /** Removes one fault; false when it was used up (or removed) already. */
  async removeFault(id: string): Promise<boolean> {
    const res = await this.request("DELETE", `/faults/${encodeURIComponent(id)}`);
    if (res.status === 404) return false;
    if (res.status !== 200) throw new Error(`DELETE fault ${id}: ${res.status} ${res.text}`);
    return true;
  }
  clearFaults() {
    return this.ok<{ ok: true }>("DELETE", "/faults");
  }
  async requests(since = 0): Promise<LoggedRequest[]> {
    return (await this.ok<{ requests: LoggedRequest[] }>("GET", `/requests?since=${since}`)).requests;
  }
  /** The sequence number of the last logged request (0 if none): pass it to `requests` to see only what follows. */
  async lastSeq(): Promise<number> {
    return (await this.requests()).at(-1)?.seq ?? 0;
  }
  clearRequests() {
    return this.ok<{ ok: true }>("DELETE", "/requests");
  }
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 3000, intervalMs = 20, what = "condition" } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
