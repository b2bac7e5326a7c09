/**
 * From a parsed callout form to the exact body Sinch receives. Client-safe and pure,
 * so the tests can say field by field what goes on the wire. Fields nobody filled in
 * are left out (never sent as null or ""), and the key order is fixed, so the same
 * form always gives byte-identical JSON (the idempotency check compares it).
 *
 * Gavel never asks for callbacks (enableAce, enableDice, enablePie): Sinch cannot
 * reach a console on a private network; it follows calls by polling call info.
 */
import type { CalloutRequest } from "../sinch/schemas";
import { svamlConferenceId } from "../sinch/svaml";
import type { CalloutType } from "../vocabulary/callouts";
import type { ParsedCallout } from "./forms";

/** Copies only the defined values, in the order given. */
function defined<T extends Record<string, unknown>>(fields: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

export function toWireRequest(c: ParsedCallout): CalloutRequest {
  switch (c.type) {
    case "conference":
      return {
        method: "conferenceCallout",
        conferenceCallout: defined({
          destination: { type: c.destination.type, endpoint: c.destination.endpoint },
          conferenceId: c.conferenceId,
          cli: c.cli,
          custom: c.label,
          dtmf: c.dtmf,
          greeting: c.greeting,
          locale: c.locale,
          mohClass: c.mohClass,
          maxDuration: c.maxDuration,
          conferenceDtmfOptions: c.conferenceDtmfOptions
            ? defined({
                mode: c.conferenceDtmfOptions.mode,
                maxDigits: c.conferenceDtmfOptions.maxDigits,
                timeoutMills: c.conferenceDtmfOptions.timeoutMills,
              })
            : undefined,
        }),
      };
    case "tts":
      return {
        method: "ttsCallout",
        ttsCallout: defined({
          destination: { type: c.destination.type, endpoint: c.destination.endpoint },
          cli: c.cli,
          dtmf: c.dtmf,
          locale: c.locale,
          text: c.text,
          prompts: c.prompts,
        }),
      };
    case "custom":
      return {
        method: "customCallout",
        customCallout: defined({
          destination: { type: c.destination.type, endpoint: c.destination.endpoint },
          cli: c.cli,
          dtmf: c.dtmf,
          custom: c.label,
          maxDuration: c.maxDuration,
          ice: c.ice,
          ace: c.ace,
          pie: c.pie,
          dice: c.dice,
        }),
      };
  }
}

/** What Gavel stores and shows about a callout besides its wire request. */
export interface CalloutMeta {
  type: CalloutType;
  destinationType: string;
  destination: string;
  cli: string | null;
  /** The conference the callee joins: the conference callout's, or a custom callout's connectConf. */
  conferenceId: string | null;
  label: string | null;
}

export function calloutMeta(c: ParsedCallout): CalloutMeta {
  const base = {
    type: c.type,
    destinationType: c.destination.type,
    destination: c.destination.endpoint,
    cli: c.cli ?? null,
  };
  switch (c.type) {
    case "conference":
      return { ...base, conferenceId: c.conferenceId, label: c.label ?? null };
    case "tts":
      return { ...base, conferenceId: null, label: null };
    case "custom":
      return {
        ...base,
        conferenceId: svamlConferenceId(c.ice) ?? svamlConferenceId(c.ace) ?? null,
        label: c.label ?? null,
      };
  }
}
