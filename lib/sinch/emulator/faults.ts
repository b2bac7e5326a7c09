/**
 * Fault injection: the next N Sinch requests that match answer with an error,
 * arrive late, never arrive, come back malformed or lose their connection.
 * This is how Gavel's retry, timeout and error paths are exercised against a
 * server that otherwise behaves like Sinch.
 *
 * A fault is taken once the route is known and the request is authenticated
 * (so a request with bad credentials never uses up a fault meant for the
 * application), and before the body is validated or the operation runs.
 *
 * Two families, because a client cannot tell them apart and must not pretend to:
 * - not carried out: status, hang, malformed, drop, respond answer (or don't)
 *   instead of running the operation; latency runs it, but only after the wait.
 * - carried out: lateAnswer, droppedAnswer, unreadableAnswer run the operation
 *   at once (validation included: a refused request is answered as usual), then
 *   answer late, drop the connection, or answer 200 with a body nobody can read.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";

export const OPERATIONS = [
  "placeCallout",
  "getConference",
  "kickAll",
  "manageParticipant",
  "kickParticipant",
  "getCall",
] as const;
export type Operation = (typeof OPERATIONS)[number];

const MAX_WAIT_MS = 10 * 60 * 1000;

export const faultSpecSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("status"),
    status: z.number().int().min(400).max(599),
    /** Defaults to status x 100 (503 -> 50300), Sinch's convention. */
    errorCode: z.number().int().optional(),
    message: z.string().optional(),
    /** Sent as a Retry-After header, in seconds. */
    retryAfter: z.number().int().min(0).optional(),
  }),
  z.strictObject({ type: z.literal("latency"), ms: z.number().int().min(0).max(MAX_WAIT_MS) }),
  z.strictObject({ type: z.literal("hang") }),
  z.strictObject({
    type: z.literal("malformed"),
    /** The raw body to answer with 200; by default one that breaks the operation's response schema. */
    body: z.string().optional(),
  }),
  z.strictObject({ type: z.literal("drop") }),
  z.strictObject({
    /** Any answer at all, exactly as given: a 204, an empty 200, an odd error body, an HTML 404, a redirect. */
    type: z.literal("respond"),
    status: z.number().int().min(200).max(599),
    /** A string is sent as is; anything else as JSON. Absent: no body. */
    body: z.unknown().optional(),
    /** Default application/json when there is a body. */
    contentType: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({ type: z.literal("lateAnswer"), ms: z.number().int().min(0).max(MAX_WAIT_MS) }),
  z.strictObject({ type: z.literal("droppedAnswer") }),
  z.strictObject({
    type: z.literal("unreadableAnswer"),
    /** The raw body to answer with 200; by default one no schema can read. */
    body: z.string().optional(),
  }),
]);
export type FaultSpec = z.infer<typeof faultSpecSchema>;

export const faultMatchSchema = z.strictObject({
  method: z.enum(["GET", "POST", "PATCH", "DELETE"]).optional(),
  /** A substring of the percent-decoded path. */
  path: z.string().optional(),
  operation: z.enum(OPERATIONS).optional(),
});
export type FaultMatch = z.infer<typeof faultMatchSchema>;

export const newFaultSchema = z.strictObject({
  match: faultMatchSchema.default({}),
  count: z.number().int().min(1).default(1),
  fault: faultSpecSchema,
});

export interface Fault {
  id: string;
  match: FaultMatch;
  /** How many more matching requests this fault applies to. */
  remaining: number;
  fault: FaultSpec;
  createdAt: string;
}

export interface FaultTarget {
  method: string;
  decodedPath: string;
  operation: Operation;
}

/** Bodies that are 200 but wrong for each operation's response schema. */
const MALFORMED_BODIES: Record<Operation, string> = {
  getConference: '{"participants":"nope"}',
  placeCallout: '{"callId":42}',
  getCall: '{"status":"MAYBE","duration":"long"}',
  // The commands' bodies are placeholders a client ignores, so only broken JSON is "malformed" there.
  kickAll: '{"participants":',
  manageParticipant: '{"participants":',
  kickParticipant: '{"participants":',
};

/** What an unreadableAnswer fault answers by default: JSON cut short, like a connection lost mid-body behind a proxy. */
export const UNREADABLE_BODY = '{"callId":"';

export function malformedBody(fault: Extract<FaultSpec, { type: "malformed" }>, operation: Operation): string {
  return fault.body ?? MALFORMED_BODIES[operation];
}

export class FaultStore {
  private faults: Fault[] = [];

  add(input: z.infer<typeof newFaultSchema>): Fault {
    const fault: Fault = {
      id: randomUUID(),
      match: input.match,
      remaining: input.count,
      fault: input.fault,
      createdAt: new Date().toISOString(),
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  /** The first pending fault that matches, used up by one; faults apply in the order they were added. */
  take(target: FaultTarget): FaultSpec | undefined {
    const index = this.faults.findIndex((f) => matches(f.match, target));
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.fault;
  }
}

function matches(match: FaultMatch, target: FaultTarget): boolean {
  if (match.method && match.method !== target.method.toUpperCase()) return false;
  if (match.operation && match.operation !== target.operation) return false;
  if (match.path !== undefined && !target.decodedPath.includes(match.path)) return false;
  return true;
}
