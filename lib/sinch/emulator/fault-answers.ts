/**
 * How a fault answers a Sinch request (faults.ts says which faults there are):
 * before the operation, instead of it (status, hang, malformed, drop, respond) or
 * after a wait (latency); or after the operation has run, spoiling its answer
 * (lateAnswer, droppedAnswer, unreadableAnswer).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { sinchErrorBody } from "./errors";
import { UNREADABLE_BODY, malformedBody, type FaultSpec, type Operation } from "./faults";
import { sendEmpty, sendJson, sendRaw } from "./http";
import type { LoggedRequest } from "./request-log";

/** Faults that let the operation run first and then spoil the answer. */
export type AfterFault = Extract<FaultSpec, { type: "lateAnswer" | "droppedAnswer" | "unreadableAnswer" }>;
export const isAfterFault = (f: FaultSpec): f is AfterFault =>
  f.type === "lateAnswer" || f.type === "droppedAnswer" || f.type === "unreadableAnswer";

/** One request being answered. `answer` records the status in the log, then sends. */
export interface FaultExchange {
  req: IncomingMessage;
  res: ServerResponse;
  entry: LoggedRequest;
  answer: (status: number, send: () => void) => void;
}

/** What the server lends: the hung responses it ends on reset, its closing signal, its log. */
export interface FaultRuntime {
  hanging: Set<ServerResponse>;
  closing: AbortSignal;
  log: (line: string) => void;
}

/**
 * Applies a fault. Returns true when the operation should still run (latency),
 * false when the fault has answered (or deliberately not answered) instead.
 */
export async function answerBeforeOperation(
  fault: FaultSpec,
  operation: Operation,
  { req, res, entry, answer }: FaultExchange,
  runtime: FaultRuntime,
): Promise<boolean> {
  switch (fault.type) {
    case "status": {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["Retry-After"] = String(fault.retryAfter);
      const body = sinchErrorBody(
        fault.status,
        fault.errorCode ?? fault.status * 100,
        fault.message ?? `Injected fault: ${fault.status}`,
      );
      answer(fault.status, () => sendJson(res, fault.status, body, headers));
      return false;
    }
    case "latency":
      try {
        await delay(fault.ms, undefined, { signal: runtime.closing, ref: false });
      } catch {
        res.socket?.destroy(); // the emulator is closing
        return false;
      }
      // Like a real server whose client gave up: the operation still happens.
      return true;
    case "hang":
      runtime.hanging.add(res);
      res.on("close", () => runtime.hanging.delete(res));
      runtime.log(`${entry.method} ${entry.path} -> (hung) [fault: hang]`);
      return false;
    case "malformed": {
      const text = malformedBody(fault, operation);
      answer(200, () => sendRaw(res, 200, text));
      return false;
    }
    case "drop":
      runtime.log(`${entry.method} ${entry.path} -> (connection dropped) [fault: drop]`);
      req.socket.destroy();
      return false;
    case "respond": {
      const { status, body, headers = {} } = fault;
      const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
      const contentType = fault.contentType ?? "application/json; charset=utf-8";
      answer(status, () =>
        text === undefined ? sendEmpty(res, status, headers) : sendRaw(res, status, text, contentType, headers),
      );
      return false;
    }
    case "lateAnswer":
    case "droppedAnswer":
    case "unreadableAnswer":
      return true; // answerAfterOperation, once the operation has run
  }
}

/** The operation has run; its answer comes late, never, or unreadable. */
export async function answerAfterOperation(
  fault: AfterFault,
  { req, res, entry, answer }: FaultExchange,
  runtime: FaultRuntime,
  send: () => void,
): Promise<void> {
  switch (fault.type) {
    case "lateAnswer":
      try {
        await delay(fault.ms, undefined, { signal: runtime.closing, ref: false });
      } catch {
        res.socket?.destroy(); // the emulator is closing
        return;
      }
      // The client may have given up long ago: sendJson writes nothing to a closed socket.
      send();
      return;
    case "droppedAnswer":
      runtime.log(`${entry.method} ${entry.path} -> (carried out, connection dropped) [fault: droppedAnswer]`);
      req.socket.destroy();
      return;
    case "unreadableAnswer": {
      const text = fault.body ?? UNREADABLE_BODY;
      answer(200, () => sendRaw(res, 200, text));
      return;
    }
  }
}
