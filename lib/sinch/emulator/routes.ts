/**
 * Route matching on the raw request target. The path is split on "/" first and
 * only then is each segment percent-decoded, so a conferenceId such as "a/b"
 * (sent as "a%2Fb") stays one segment and can never be read as conference "a",
 * participant "b". "?" and "#" inside an id arrive encoded (%3F, %23), so the
 * query split on the first raw "?" cannot cut an id either.
 */
import type { Operation } from "./faults";

export interface RequestTarget {
  /** The path exactly as sent, without the query. */
  rawPath: string;
  query: URLSearchParams;
}

export function parseTarget(url: string | undefined): RequestTarget {
  let target = url ?? "/";
  // Absolute-form targets (sent through a proxy): keep only the path and query.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || "/";
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : target.slice(q + 1));
  return { rawPath, query };
}

/** Decoded segments (the leading "" of an absolute path dropped), or null if an escape is malformed. */
export function splitPath(rawPath: string): string[] | null {
  const parts = rawPath.split("/");
  if (parts[0] === "") parts.shift();
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

export interface SinchRoute {
  operation: Operation;
  conferenceId?: string;
  callId?: string;
}

export type SinchRouteMatch =
  | { kind: "route"; route: SinchRoute }
  /** A known path with a method Sinch does not offer on it. */
  | { kind: "method"; allowed: string[] }
  | { kind: "none" };

const PREFIX = ["calling", "v1"] as const;

/**
 * Matches the six operations of reference section 2 on decoded segments. Empty ids
 * never match. A known path with another method is "method" (405 with Allow).
 */
export function matchSinchRoute(method: string, segments: string[]): SinchRouteMatch {
  if (segments[0] !== PREFIX[0] || segments[1] !== PREFIX[1]) return { kind: "none" };
  const rest = segments.slice(2);
  const m = method.toUpperCase();
  const [a, b, c, d, ...extra] = rest;
  if (extra.length > 0) return { kind: "none" };

  // The spec's own introduction writes POST /calling/v1/callouts/ with a trailing slash.
  if (a === "callouts" && (b === undefined || (b === "" && c === undefined))) {
    return m === "POST"
      ? { kind: "route", route: { operation: "placeCallout" } }
      : { kind: "method", allowed: ["POST"] };
  }
  if (a === "conferences" && b === "id" && c) {
    if (d === undefined) {
      if (m === "GET") return { kind: "route", route: { operation: "getConference", conferenceId: c } };
      if (m === "DELETE") return { kind: "route", route: { operation: "kickAll", conferenceId: c } };
      return { kind: "method", allowed: ["GET", "DELETE"] };
    }
    if (d) {
      if (m === "PATCH")
        return { kind: "route", route: { operation: "manageParticipant", conferenceId: c, callId: d } };
      if (m === "DELETE") return { kind: "route", route: { operation: "kickParticipant", conferenceId: c, callId: d } };
      return { kind: "method", allowed: ["PATCH", "DELETE"] };
    }
  }
  if (a === "calls" && b === "id" && c && d === undefined) {
    return m === "GET"
      ? { kind: "route", route: { operation: "getCall", callId: c } }
      : { kind: "method", allowed: ["GET"] };
  }
  return { kind: "none" };
}

/** Where a region's base URL points: `<emulator>/region/<name>`, e.g. http://127.0.0.1:4010/region/euc1. */
export const REGION_PREFIX = "region";

export type RegionMatch =
  /** `rawPath` without the region prefix; region is GLOBAL for an unprefixed path. */
  | { kind: "region"; region: string; rawPath: string }
  /** /region/<name> with a name that is not one of Sinch's regions: like an unknown host. */
  | { kind: "unknown"; name: string };

/**
 * Splits the region prefix off a raw path. Sinch's regions are separate hosts; a
 * path prefix is what a client's base URL can carry without DNS, so the emulator
 * stands for all of them on one port.
 */
export function matchRegion(rawPath: string, regions: readonly string[], globalRegion: string): RegionMatch {
  const parts = rawPath.split("/");
  if (parts[1] !== REGION_PREFIX) return { kind: "region", region: globalRegion, rawPath };
  const name = parts[2] ?? "";
  if (!regions.includes(name)) return { kind: "unknown", name };
  const rest = parts.slice(3).join("/");
  return { kind: "region", region: name, rawPath: `/${rest}` };
}
