"use client";
import { Badge } from "@/components/ui/badge";
import { STATE_LABELS, type CalloutState } from "@/lib/vocabulary/callouts";
import type { CalloutView } from "@/lib/callouts/contract";
import { cn } from "@/lib/ui/cn";
import type { CallReason } from "@/lib/sinch/schemas";

const TONE: Record<CalloutState, "info" | "success" | "muted" | "danger" | "neutral"> = {
  placing: "info",
  unknown: "info",
  dialing: "info",
  answered: "info",
  joined: "success",
  busy: "muted",
  no_answer: "muted",
  failed: "danger",
  ended: "neutral",
};

const RINGING: readonly CalloutState[] = ["placing", "dialing", "answered"];

/** The callout's state as a badge; a pulsing dot while the phone rings. */
export function CalloutStateBadge({ state, className }: { state: CalloutState; className?: string }) {
  return (
    <Badge tone={TONE[state]} className={cn("shrink-0", className)} data-testid="callout-state" data-state={state}>
      {RINGING.includes(state) ? <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" /> : null}
      {STATE_LABELS[state]}
    </Badge>
  );
}

const REASONS: Partial<Record<CallReason, string>> = {
  TIMEOUT: "timed out",
  CALLERHANGUP: "the application hung up",
  CALLEEHANGUP: "they hung up",
  BLOCKED: "blocked",
  NOCREDITPARTNER: "no credit",
  MANAGERHANGUP: "removed by a moderator",
  CANCEL: "cancelled",
  GENERALERROR: "network error",
  INVALIDSVAMLACTION: "invalid SVAML action",
};

/** A short sentence on how the callout went, e.g. "Busy", "No answer: timed out", "Ended: they hung up". */
export function outcomeText(c: Pick<CalloutView, "state" | "reason" | "error" | "type">): string {
  if (c.error) return c.error;
  // A TTS call ends with Sinch hanging up once the message has been read.
  if (c.type === "tts" && c.state === "ended" && c.reason === "CALLERHANGUP") return "Ended: message played";
  const why = c.reason && c.reason !== "N/A" ? REASONS[c.reason] : undefined;
  switch (c.state) {
    case "placing":
      return "Asking Sinch to call";
    case "dialing":
      return "Ringing";
    case "answered":
      return "Answered";
    case "joined":
      return "In the conference";
    default:
      return why ? `${STATE_LABELS[c.state]}: ${why}` : STATE_LABELS[c.state];
  }
}

/** Sinch's own words, for support: "BUSY / N/A" (nothing while it only rings). */
export function SinchResult({ c }: { c: Pick<CalloutView, "result" | "reason"> }) {
  if (!c.result || (c.result === "N/A" && (c.reason ?? "N/A") === "N/A")) return null;
  return (
    <span className="font-mono text-[11px] text-slate-500 dark:text-slate-400" title="Sinch's call result and reason">
      {c.result} / {c.reason ?? "N/A"}
    </span>
  );
}
