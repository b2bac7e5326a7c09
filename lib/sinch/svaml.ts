/**
 * Reading SVAML's connectConf action: the one place that decides whether a piece of
 * SVAML sends the callee into a conference, and which. Gavel uses it to tell which
 * room a custom callout joins (ghost rows, labels) and to refuse a connectConf with
 * no usable conferenceId before anyone is called; the emulator uses it to act the
 * SVAML out. Pure and client-safe.
 */
import { conferenceIdSchema, mohClassSchema, type MohClass } from "./schemas";

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
  if (!svaml) return { kind: "other" };
  let doc: unknown;
  try {
    doc = JSON.parse(svaml);
  } catch {
    return { kind: "other" }; // a callback URL: what it answers is not known in advance
  }
  return connectConfOfAction((doc as { action?: unknown } | null)?.action);
}

/** The conference an ice/ace connects the callee to, if it does. */
export function svamlConferenceId(svaml: string | undefined): string | undefined {
  const target = connectConfOf(svaml);
  return target.kind === "connectConf" ? target.conferenceId : undefined;
}
