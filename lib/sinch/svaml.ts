/**
 * Reading SVAML's connectConf action: the one place that decides whether a piece of
 * SVAML sends the callee into a conference, and which. Gavel uses it to tell which
 * room a custom callout joins (ghost rows, labels) and to refuse a connectConf with
 * no usable conferenceId before anyone is called; the emulator uses it to act the
 * SVAML out. Pure and client-safe.
 */
import { conferenceIdSchema, mohClassSchema, type Destination, type MohClass } from "./schemas";

/** What an SVAML action does, as far as conferences go. */
export type ConnectConf =
  | { kind: "connectConf"; conferenceId: string; moh: MohClass | null }
  /** A connectConf whose conferenceId is missing or not one Sinch takes: Sinch fails the call once answered. */
  | { kind: "invalidConnectConf" }
  /** Another action, no action, or not SVAML at all (a callback URL). */
  | { kind: "other" };

/** From an already parsed SVAML action (`document.action`). Action names are case-insensitive. */
export function connectConfOfAction(action: unknown): ConnectConf {
  if (typeof action !== "object" || action === null) return { kind: "other" };
  const { name, conferenceId, moh } = action as { name?: unknown; conferenceId?: unknown; moh?: unknown };
  if (typeof name !== "string" || name.toLowerCase() !== "connectconf") return { kind: "other" };
  const id = conferenceIdSchema.safeParse(conferenceId);
  if (!id.success) return { kind: "invalidConnectConf" };
  const mohParsed = mohClassSchema.safeParse(moh);
  return { kind: "connectConf", conferenceId: id.data, moh: mohParsed.success ? mohParsed.data : null };
}

/** From an ice/ace as sent to Sinch: an SVAML document in JSON, or a callback URL. */
export function connectConfOf(svaml: string | undefined): ConnectConf {
  // Not inline SVAML (a callback URL): what it answers is not known in advance.
  return connectConfOfAction(svamlAction(svaml));
}

/** The `action` of an inline SVAML string, or undefined when it is not one (a callback URL). */
function svamlAction(svaml: string | undefined): Record<string, unknown> | undefined {
  if (!svaml) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(svaml);
  } catch {
    return undefined;
  }
  const action = (doc as { action?: unknown } | null)?.action;
  return typeof action === "object" && action !== null ? (action as Record<string, unknown>) : undefined;
}

/** Whether an ice is inline SVAML (JSON with an action) rather than a callback URL. */
export function isInlineSvaml(svaml: string | undefined): boolean {
  return svamlAction(svaml) !== undefined;
}

/**
 * The callee an inline ICE SVAML names: connectPstn's `number` (Sinch writes it with
 * or without the +), or connectMxp's `destination`. Otherwise an empty number: the
 * call is placed with nobody the emulator can name.
 */
export function iceDestination(ice: string | undefined): Destination {
  const action = svamlAction(ice);
  const name = typeof action?.name === "string" ? action.name.toLowerCase() : "";
  if (name === "connectpstn" && typeof action?.number === "string" && action.number !== "") {
    const number = action.number.startsWith("+") ? action.number : `+${action.number}`;
    return { type: "number", endpoint: number };
  }
  const mxp = action?.destination as { type?: unknown; endpoint?: unknown } | undefined;
  if (name === "connectmxp" && typeof mxp?.endpoint === "string") return { type: "username", endpoint: mxp.endpoint };
  return { type: "number", endpoint: "" };
}

/** The conference an ice/ace connects the callee to, if it does. */
export function svamlConferenceId(svaml: string | undefined): string | undefined {
  const target = connectConfOf(svaml);
  return target.kind === "connectConf" ? target.conferenceId : undefined;
}

/** How deep real SVAML goes (an instruction's options' options) is about 5 levels; this leaves room and stops abuse. */
export const SVAML_MAX_DEPTH = 16;
/** An inline SVAML document (or callback URL) is at most this many characters. */
export const SVAML_MAX_CHARS = 20_000;

/**
 * How deeply the JSON text nests objects and arrays, read without parsing (so
 * without recursion): a document nested 9,000 deep parses, but re-serialising it
 * overflows the stack (issue 11 saw a 500).
 */
export function jsonNesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}
