/**
 * The front door of /api: what Gavel answers before Next.js sees a request, decided
 * from the request line and headers alone. Next would otherwise answer some of
 * these itself, outside the error envelope: malformed percent-encoding (a bare 500),
 * "." and ".." segments, "//" and "\" (a 308 redirect to another route: "kick callId
 * .." became "end meeting"), unknown routes (an HTML 404), a method a route lacks (an
 * empty 405). The routes come from the contracts (lib/<feature>/contract.ts), so
 * `Allow` lists exactly the methods that exist. Pure: the HTTP server that applies
 * it is lib/api/server/front-server.ts.
 */
import { API_ENDPOINTS } from "./contracts";
import type { ErrorCode } from "./errors";
import { API_BODY_LIMIT_BYTES, bodyTooLargeMessage } from "./limits";

interface Route {
  /** Static segments as they are; `null` for a parameter. */
  segments: (string | null)[];
  methods: Set<string>;
}

function routeTable(): Route[] {
  const byPath = new Map<string, Route>();
  for (const ep of API_ENDPOINTS) {
    const key = ep.path.replace(/:[A-Za-z]+/g, ":");
    let route = byPath.get(key);
    if (!route) {
      route = {
        segments: ep.path
          .split("/")
          .slice(1)
          .map((s) => (s.startsWith(":") ? null : s)),
        methods: new Set(),
      };
      byPath.set(key, route);
    }
    route.methods.add(ep.method);
  }
  return [...byPath.values()];
}

const ROUTES = routeTable();
/** next-auth's own endpoints (/api/auth/*): it answers GET and POST, and says itself which actions exist. */
const AUTH_METHODS = new Set(["GET", "POST"]);

export interface FrontRequest {
  method: string;
  /** The request target exactly as received (path and query, still percent-encoded). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Refusal {
  status: number;
  /** The envelope's code; absent for a success the front door answers itself (OPTIONS). */
  code?: ErrorCode;
  message: string;
  /** For 405 and OPTIONS: the methods the path has. */
  allow?: string;
  /** Whether the request is under /api (the answer is the JSON envelope) or a page's. */
  api: boolean;
}

function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** Shown in messages: an attacker's 10 kB path is not echoed back whole. */
function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The decoded segments of a path, or the reason it cannot be read. */
function decodeSegments(path: string): string[] | Refusal {
  const decoded: string[] = [];
  for (const raw of path.split("/").slice(1)) {
    try {
      decoded.push(decodeURIComponent(raw));
    } catch {
      return {
        status: 400,
        code: "validation_failed",
        message: `The path is not valid percent-encoding: "${clip(raw, 60)}" does not decode to UTF-8 text.`,
        api: true,
      };
    }
  }
  return decoded;
}

/** The methods of the route that matches these segments, or undefined for none. */
export function methodsOf(segments: readonly string[]): Set<string> | undefined {
  if (segments[0] === "api" && segments[1] === "auth" && segments.length > 2) return AUTH_METHODS;
  for (const route of ROUTES) {
    if (route.segments.length !== segments.length) continue;
    if (route.segments.every((s, i) => s === null || s === segments[i])) return route.methods;
  }
  return undefined;
}

/** The Allow header of a set of methods: HEAD wherever GET is, and OPTIONS (answered here). */
export function allowHeader(methods: Set<string>): string {
  const all = new Set(methods);
  if (all.has("GET")) all.add("HEAD");
  all.add("OPTIONS");
  return [...all].join(", ");
}

function header(req: FrontRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * What the front door answers, or null to let Next serve the request. Only
 * /api is judged in full; a page's path is refused only when it cannot be decoded
 * (Next would answer a bare 500 to that too).
 */
export function frontDoor(req: FrontRequest): Refusal | null {
  const path = req.url.split("?", 1)[0] ?? "";
  if (!isApiPath(path)) {
    const decoded = decodeSegments(path);
    return Array.isArray(decoded) ? null : { ...decoded, api: false };
  }
  if (path.includes("\\")) {
    return { status: 400, code: "validation_failed", message: 'A path under /api cannot contain "\\".', api: true };
  }
  if (path.includes("//") || (path.endsWith("/") && path !== "/")) {
    return {
      status: 400,
      code: "validation_failed",
      message: `The path has an empty segment ("//" or a trailing "/"): ${clip(path)}`,
      api: true,
    };
  }
  const segments = decodeSegments(path);
  if (!Array.isArray(segments)) return segments;
  if (segments.some((s) => s === "." || s === "..")) {
    return {
      status: 400,
      code: "validation_failed",
      message: 'A path segment cannot be "." or "..": Gavel does not resolve them, and no id is either.',
      api: true,
    };
  }
  const methods = methodsOf(segments);
  if (!methods) {
    return { status: 404, code: "not_found", message: `No API route ${clip(path)}.`, api: true };
  }
  const method = req.method.toUpperCase();
  if (method === "OPTIONS") return { status: 204, message: "", allow: allowHeader(methods), api: true };
  if (!methods.has(method) && !(method === "HEAD" && methods.has("GET"))) {
    return {
      status: 405,
      code: "method_not_allowed",
      message: `${clip(path)} does not take ${clip(method, 20)}; it takes ${[...methods].join(", ")}.`,
      allow: allowHeader(methods),
      api: true,
    };
  }
  const length = header(req, "content-length");
  if (length !== undefined && Number(length) > API_BODY_LIMIT_BYTES) {
    return tooLarge();
  }
  if (methods === AUTH_METHODS && header(req, "transfer-encoding") !== undefined && length === undefined) {
    return {
      status: 411,
      code: "length_required",
      message: "A sign-in request must give its Content-Length.",
      api: true,
    };
  }
  return null;
}

export function tooLarge(): Refusal {
  return {
    status: 413,
    code: "payload_too_large",
    message: bodyTooLargeMessage(),
    api: true,
  };
}
