/**
 * The control API under /_emulator/: JSON in and out, no authentication, never
 * written to the request log. It lets tests, e2e fixtures and people arrange a
 * scene (rooms, participants), look behind Sinch's API (full call records,
 * what was sent), tune timings and inject faults.
 *
 *   GET    /_emulator/health                                  {"ok":true,"conferences":N,"calls":N}
 *   POST   /_emulator/reset                                   {"ok":true}
 *   GET    /_emulator/conferences                             {"conferences":[room]}
 *   GET    /_emulator/conferences/{id}                        room, 404 if none
 *   PUT    /_emulator/conferences/{id}                        {"participants":[spec]} -> room
 *   DELETE /_emulator/conferences/{id}                        everyone hangs up -> {"ok":true}
 *   POST   /_emulator/conferences/{id}/participants           spec -> 201 participant
 *   DELETE /_emulator/conferences/{id}/participants/{callId}  participant hangs up -> {"ok":true}
 *   GET    /_emulator/calls, /_emulator/calls/{callId}        call records
 *   GET    /_emulator/settings, PATCH /_emulator/settings     settings
 *   GET|POST|DELETE /_emulator/faults, DELETE /_emulator/faults/{id}
 *   GET    /_emulator/requests?since=SEQ, DELETE /_emulator/requests
 *   POST   /_emulator/scene (seed and start), DELETE /_emulator/scene (stop)
 *
 * Ids in paths are percent-encoded segments, like on the Sinch side. Under a
 * region's prefix (/region/euc1/_emulator/...) the conference routes act on that
 * region's rooms; everything else (calls, settings, faults, the log) is shared.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { callIdSchema, conferenceIdSchema, mohClassSchema } from "../schemas";
import { SinchHttpError } from "./errors";
import { newFaultSchema, type FaultStore } from "./faults";
import { BodyTooLargeError, readBody, sendJson } from "./http";
import type { RequestLog } from "./request-log";
import { splitPath, type RequestTarget } from "./routes";
import type { Scene } from "./scene";
import { GLOBAL_REGION, type EmulatorSettings, type EmulatorState } from "./state";

export interface ControlContext {
  state: EmulatorState;
  faults: FaultStore;
  requests: RequestLog;
  scene: Scene;
  /** Rooms, calls, faults, request log, settings and scene back to a clean start. */
  reset(): void;
}

export const CONTROL_PREFIX = "_emulator";

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const participantSpecSchema = z.strictObject({
  cli: z.string().min(1, "cli must not be empty"),
  callId: callIdSchema.optional(),
  muted: z.boolean().optional(),
  onhold: z.boolean().optional(),
  moh: mohClassSchema.nullable().optional(),
  custom: z.string().nullable().optional(),
  durationSeconds: z.number().int().min(0).optional(),
});

const putRoomSchema = z.strictObject({ participants: z.array(participantSpecSchema) });

const settingsPatchSchema = z.strictObject({
  ringMs: z.number().int().min(0).max(3_600_000).optional(),
  clockSkewMs: z.number().int().min(0).optional(),
  clockOffsetMs: z.number().int().optional(),
  speechMsPerChar: z.number().min(0).max(10_000).optional(),
});

function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "body"}: ${i.message}`).join("; ");
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ControlError(400, describeZodError(result.error));
  return result.data;
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new ControlError(413, error.message);
    throw error;
  }
  const text = raw.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, "Body is not valid JSON");
  }
}

function methodNotAllowed(method: string, path: string, allowed: string[]): ControlError {
  return new ControlError(405, `${method} is not supported on ${path}; use ${allowed.join(" or ")}`, {
    Allow: allowed.join(", "),
  });
}

/** Answers one /_emulator/ request. Never throws: every failure becomes a JSON error. */
export async function handleControl(
  ctx: ControlContext,
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  region: string = GLOBAL_REGION,
): Promise<void> {
  try {
    const { status, body } = await route(ctx, req, target, region);
    sendJson(res, status, body);
  } catch (error) {
    if (error instanceof ControlError) {
      sendJson(res, error.status, { error: error.message }, error.headers);
    } else if (error instanceof SinchHttpError) {
      // The simulation refused (unknown id, conflicting callId): same status, control's envelope.
      sendJson(res, error.status, { error: error.message });
    } else {
      sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

async function route(
  ctx: ControlContext,
  req: IncomingMessage,
  target: RequestTarget,
  region: string,
): Promise<{ status: number; body: unknown }> {
  const method = (req.method ?? "GET").toUpperCase();
  const segments = splitPath(target.rawPath);
  if (!segments) throw new ControlError(400, "Malformed percent-encoding in path");
  const [, resource, id, sub, subId, ...extra] = segments;
  const path = target.rawPath;
  const notFound = () => new ControlError(404, `Not found: ${method} ${path}`);
  if (extra.length > 0) throw notFound();
  const { state } = ctx;

  switch (resource) {
    case "health":
      if (id !== undefined) throw notFound();
      if (method !== "GET") throw methodNotAllowed(method, path, ["GET"]);
      return { status: 200, body: { ok: true, conferences: state.rooms.size, calls: state.calls.size } };

    case "reset":
      if (id !== undefined) throw notFound();
      if (method !== "POST") throw methodNotAllowed(method, path, ["POST"]);
      ctx.reset();
      return { status: 200, body: { ok: true } };

    case "conferences":
      return conferences(ctx, req, method, path, { id, sub, subId, region }, notFound);

    case "calls": {
      if (sub !== undefined) throw notFound();
      if (method !== "GET") throw methodNotAllowed(method, path, ["GET"]);
      if (id === undefined) return { status: 200, body: { calls: state.listCalls() } };
      const call = state.getCallView(id);
      if (!call) throw new ControlError(404, `No call ${id}`);
      return { status: 200, body: call };
    }

    case "settings": {
      if (id !== undefined) throw notFound();
      if (method === "GET") return { status: 200, body: state.settings };
      if (method !== "PATCH") throw methodNotAllowed(method, path, ["GET", "PATCH"]);
      const patch = parse(settingsPatchSchema, (await jsonBody(req)) ?? {});
      const next: EmulatorSettings = { ...state.settings };
      for (const [key, value] of Object.entries(patch) as Array<[keyof EmulatorSettings, number | undefined]>) {
        if (value !== undefined) next[key] = value;
      }
      state.settings = next;
      return { status: 200, body: state.settings };
    }

    case "faults":
      if (sub !== undefined) throw notFound();
      if (id !== undefined) {
        if (method !== "DELETE") throw methodNotAllowed(method, path, ["DELETE"]);
        if (!ctx.faults.remove(id)) throw new ControlError(404, `No fault ${id}`);
        return { status: 200, body: { ok: true } };
      }
      if (method === "GET") return { status: 200, body: { faults: ctx.faults.list() } };
      if (method === "DELETE") {
        ctx.faults.clear();
        return { status: 200, body: { ok: true } };
      }
      if (method !== "POST") throw methodNotAllowed(method, path, ["GET", "POST", "DELETE"]);
      return { status: 201, body: ctx.faults.add(parse(newFaultSchema, await jsonBody(req))) };

    case "requests": {
      if (id !== undefined) throw notFound();
      if (method === "DELETE") {
        ctx.requests.clear();
        return { status: 200, body: { ok: true } };
      }
      if (method !== "GET") throw methodNotAllowed(method, path, ["GET", "DELETE"]);
      const sinceText = target.query.get("since");
      const since = sinceText === null || sinceText === "" ? 0 : Number(sinceText);
      if (!Number.isInteger(since) || since < 0) throw new ControlError(400, "since must be a whole number");
      return { status: 200, body: { requests: ctx.requests.since(since) } };
    }

    case "scene":
      if (id !== undefined) throw notFound();
      if (method === "POST") {
        ctx.scene.start();
        return { status: 200, body: { ok: true, conferences: state.listRooms() } };
      }
      if (method === "DELETE") {
        ctx.scene.stop();
        return { status: 200, body: { ok: true } };
      }
      throw methodNotAllowed(method, path, ["POST", "DELETE"]);

    default:
      throw notFound();
  }
}

async function conferences(
  ctx: ControlContext,
  req: IncomingMessage,
  method: string,
  path: string,
  { id, sub, subId, region }: { id?: string; sub?: string; subId?: string; region: string },
  notFound: () => ControlError,
): Promise<{ status: number; body: unknown }> {
  const { state } = ctx;
  if (id === undefined) {
    if (method !== "GET") throw methodNotAllowed(method, path, ["GET"]);
    // Unprefixed: every region's rooms (those outside global carry their region).
    return { status: 200, body: { conferences: state.listRooms(region === GLOBAL_REGION ? undefined : region) } };
  }
  const conferenceId = parse(conferenceIdSchema, id);

  if (sub === undefined) {
    if (method === "GET") {
      const room = state.getRoomView(conferenceId, region);
      if (!room) throw new ControlError(404, `No conference ${conferenceId}`);
      return { status: 200, body: room };
    }
    if (method === "PUT") {
      const { participants } = parse(putRoomSchema, await jsonBody(req));
      return { status: 200, body: state.putRoom(conferenceId, participants, "control", region) };
    }
    if (method === "DELETE") {
      if (!state.hangUpRoom(conferenceId, region)) throw new ControlError(404, `No conference ${conferenceId}`);
      return { status: 200, body: { ok: true } };
    }
    throw methodNotAllowed(method, path, ["GET", "PUT", "DELETE"]);
  }

  if (sub !== "participants") throw notFound();
  if (subId === undefined) {
    if (method !== "POST") throw methodNotAllowed(method, path, ["POST"]);
    const spec = parse(participantSpecSchema, await jsonBody(req));
    return { status: 201, body: state.addParticipant(conferenceId, spec, "control", region) };
  }
  if (method !== "DELETE") throw methodNotAllowed(method, path, ["DELETE"]);
  if (!state.hangUpParticipant(conferenceId, subId, region)) {
    throw new ControlError(404, `No participant ${subId} in conference ${conferenceId}`);
  }
  return { status: 200, body: { ok: true } };
}
