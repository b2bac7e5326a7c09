/**
 * The emulator's HTTP server (node:http, no framework): the Sinch Calling API v1
 * under /calling/v1 and the control API under /_emulator/, both for the global
 * host and, under /region/<name>/, for each of Sinch's regions (rooms are regional).
 * A /region/ prefix naming no region answers a plain 404 page, as an unknown host
 * behind a gateway would: what a misconfigured base URL meets.
 *
 * A Sinch request goes through, in order:
 *   1. read the raw body as bytes (the signature's MD5 is over exactly those)
 *   2. match the route on the raw path, split before decoding (routes.ts); unknown:
 *      404 / 40400, known with another method: 405 / 40500 with Allow
 *   3. authenticate (auth.ts) over the path as sent, prefix included: 401 / 401xx
 *   4. take a pending fault, if one matches (faults.ts)
 *   5. validate the body and path parameters (validation.ts): 400 / 400xx
 *   6. run the operation on the simulation (state.ts), in the request's region
 * and is written to the request log with what was answered.
 *
 * Nothing a client sends may crash the process: every failure ends as a Sinch
 * error body (or a JSON error on the control API), and unexpected ones as 500 / 50000.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { REGIONS } from "../schemas";
import { contentMd5, pathToSign } from "../signing";
import { authenticate, type Credentials } from "./auth";
import { CONTROL_PREFIX, handleControl, type ControlContext } from "./control";
import { SinchHttpError, invalidParameter, methodNotAllowed, notFound, sinchErrorBody } from "./errors";
import {
  answerAfterOperation,
  answerBeforeOperation,
  isAfterFault,
  type FaultExchange,
  type FaultRuntime,
} from "./fault-answers";
import { FaultStore } from "./faults";
import { BodyTooLargeError, header, readBody, sendEmpty, sendJson, sendRaw } from "./http";
import { RequestLog, bodyForLog } from "./request-log";
import { matchRegion, matchSinchRoute, parseTarget, splitPath, type RequestTarget, type SinchRoute } from "./routes";
import { Scene } from "./scene";
import { EmulatorState, GLOBAL_REGION, type EmulatorSettings } from "./state";
import { validateCallId, validateCallout, validateConferenceId, validateManageParticipant } from "./validation";

export interface EmulatorServerOptions extends Credentials {
  settings: EmulatorSettings;
  log: (line: string) => void;
  /** The simulation's clock (durations, call times). Default Date.now. */
  now?: () => number;
}

/** What an operation answers when it succeeds. */
interface OperationResult {
  status: number;
  body?: unknown;
}

/**
 * The placeholder the manage and kick commands answer with. Sinch documents the
 * body as meaningless; clients must ignore it (and accept 200, 202 or 204).
 */
const COMMAND_PLACEHOLDER = {};

/** What a web server or gateway answers for a host or path it does not serve: not Sinch's JSON. */
const NOT_FOUND_PAGE =
  "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>";

/** The listen backlog (the kernel caps it at net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;
export class EmulatorServer implements ControlContext {
  readonly state: EmulatorState;
  readonly faults = new FaultStore();
  readonly requests = new RequestLog();
  readonly scene: Scene;
  readonly http: Server;
  private readonly credentials: Credentials;
  private readonly log: (line: string) => void;
  /** Requests held open by a "hang" fault, ended on reset and close. */
  private readonly hanging = new Set<ServerResponse>();
  /** Aborts latency faults in progress when the server closes. */
  private readonly closing = new AbortController();

  constructor(options: EmulatorServerOptions) {
    this.credentials = { applicationKey: options.applicationKey, applicationSecret: options.applicationSecret };
    this.log = options.log;
    this.state = new EmulatorState(options.settings, options.log, options.now);
    this.scene = new Scene(this.state, options.log);
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.crashed(res, error));
    });
    // Idle keep-alive connections stay open 65 s, as behind a typical cloud load
    // balancer (60 s idle) rather than Node's 5 s: a client reusing a connection the
    // server is just closing sees a reset, and a command (never retried) would fail
    // for no reason of its own. The client learns the timeout from the Keep-Alive header.
    this.http.keepAliveTimeout = 65_000;
    // Garbage on the wire (bad request lines, oversized headers): answer 400 when
    // the socket can still take it, never let it reach the process as an error.
    this.http.on("clientError", (_error: Error, socket: Socket) => {
      if (socket.writable && !socket.destroyed) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
      else socket.destroy();
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.http.once("error", onError);
      // A deep accept queue, as a cloud load balancer has. Node's default of 511 overflows
      // when a bulk action opens hundreds of connections while the event loop is busy:
      // the kernel then drops the handshake and the client sees ECONNRESET for a request
      // Sinch itself would have taken (seen as TcpExtListenOverflows in CI's 1,000-action test).
      this.http.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
        this.http.off("error", onError);
        resolve(this.http.address() as AddressInfo);
      });
    });
  }

  reset(): void {
    this.scene.stop();
    this.state.reset();
    this.faults.clear();
    this.requests.clear();
    this.releaseHanging();
  }

  /** Stops everything; resolves promptly even with keep-alive or hung connections. */
  close(): Promise<void> {
    this.scene.stop();
    this.state.dispose();
    this.closing.abort();
    this.releaseHanging();
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private releaseHanging(): void {
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseTarget(req.url);
    const region = matchRegion(target.rawPath, REGIONS, GLOBAL_REGION);
    if (region.kind === "unknown") {
      this.log(`${req.method ?? "GET"} ${req.url ?? "/"} -> 404 (no region "${region.name}")`);
      return sendRaw(res, 404, NOT_FOUND_PAGE, "text/html; charset=utf-8");
    }
    const first = region.rawPath.split("/")[1];
    if (first === CONTROL_PREFIX) {
      return handleControl(this, req, res, { ...target, rawPath: region.rawPath }, region.region);
    }
    return this.handleSinch(req, res, target, region.region, region.rawPath);
  }

  /** `target` is the request as sent (what was signed); `routePath` is its path without the region prefix. */
  private async handleSinch(
    req: IncomingMessage,
    res: ServerResponse,
    target: RequestTarget,
    region: string,
    routePath: string,
  ): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    const contentType = header(req, "content-type");
    let raw: Buffer;
    let tooLarge = false;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      raw = Buffer.alloc(0);
      tooLarge = true;
    }

    const entry = this.requests.add({
      time: new Date(started).toISOString(),
      method,
      path: req.url ?? "/",
      decodedPath: pathToSign(target.rawPath),
      region,
      operation: null,
      authScheme: "none",
      contentType: contentType ?? null,
      timestamp: header(req, "x-timestamp") ?? null,
      contentMd5: contentMd5(raw),
      body: bodyForLog(raw),
      status: null,
      fault: null,
    });
    const answer = (status: number, send: () => void) => {
      entry.status = status;
      send();
      this.log(
        `${method} ${entry.path} -> ${status} (${Date.now() - started} ms)${entry.fault ? ` [fault: ${entry.fault}]` : ""}`,
      );
    };
    const answerError = (error: SinchHttpError) =>
      answer(error.status, () =>
        sendJson(res, error.status, sinchErrorBody(error.status, error.errorCode, error.message), error.headers),
      );

    try {
      const auth = authenticate(
        {
          method,
          rawPath: target.rawPath,
          rawBody: raw,
          authorization: header(req, "authorization"),
          contentType,
          timestamp: header(req, "x-timestamp"),
        },
        this.credentials,
        { now: Date.now() + this.state.settings.clockOffsetMs, skewMs: this.state.settings.clockSkewMs },
      );
      entry.authScheme = auth.scheme;

      const segments = splitPath(routePath);
      if (!segments) throw invalidParameter(`Malformed percent-encoding in path ${target.rawPath}`);
      const match = matchSinchRoute(method, segments);
      if (match.kind === "method") {
        throw methodNotAllowed(
          `${method} is not supported on ${entry.decodedPath}; use ${match.allowed.join(" or ")}`,
          match.allowed,
        );
      }
      if (match.kind === "none") throw notFound(`No such resource: ${method} ${entry.decodedPath}`);
      const route = match.route;
      entry.operation = route.operation;

      // Refused at the edge, like a gateway would, before credentials are looked at.
      if (tooLarge) throw invalidParameter("Request body too large");
      if (auth.error) throw auth.error;

      const fault = this.faults.take({ method, decodedPath: entry.decodedPath, operation: route.operation });
      if (fault) entry.fault = fault.type;
      const exchange: FaultExchange = { req, res, entry, answer };
      const runtime: FaultRuntime = { hanging: this.hanging, closing: this.closing.signal, log: this.log };
      if (fault && !isAfterFault(fault)) {
        const proceed = await answerBeforeOperation(fault, route.operation, exchange, runtime);
        if (!proceed) return;
      }

      const result = this.execute(route, raw, region);
      const send = () => {
        if (result.body === undefined) answer(result.status, () => sendEmpty(res, result.status));
        else answer(result.status, () => sendJson(res, result.status, result.body));
      };
      if (fault && isAfterFault(fault)) await answerAfterOperation(fault, exchange, runtime, send);
      else send();
    } catch (error) {
      if (error instanceof SinchHttpError) return answerError(error);
      this.log(
        `internal error on ${method} ${entry.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      answerError(new SinchHttpError(500, 50000, "Internal error, try again"));
    }
  }

  /** Validates and runs one Sinch operation in a region's namespace. */
  private execute(route: SinchRoute, raw: Buffer, region: string): OperationResult {
    const { state } = this;
    const conferenceId = () => validateConferenceId(route.conferenceId ?? "");
    const callId = () => validateCallId(route.callId ?? "");
    switch (route.operation) {
      case "placeCallout":
        return { status: 200, body: { callId: state.placeCallout(validateCallout(raw), region) } };
      case "getConference":
        return { status: 200, body: { participants: state.getConference(conferenceId(), region) } };
      case "kickAll":
        state.kickAll(conferenceId(), region);
        return { status: 204 };
      case "manageParticipant": {
        const ids = { conferenceId: conferenceId(), callId: callId() };
        state.manageParticipant(ids.conferenceId, ids.callId, validateManageParticipant(raw), region);
        return { status: 200, body: COMMAND_PLACEHOLDER };
      }
      case "kickParticipant":
        state.kickParticipant(conferenceId(), callId(), region);
        return { status: 200, body: COMMAND_PLACEHOLDER };
      case "getCall":
        return { status: 200, body: state.getCall(callId(), region) };
    }
  }

  private crashed(res: ServerResponse, error: unknown): void {
    this.log(`unhandled error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    try {
      sendJson(res, 500, sinchErrorBody(500, 50000, "Internal error, try again"));
    } catch {
      res.socket?.destroy();
    }
  }
}
