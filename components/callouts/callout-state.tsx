"use client";
import { Badge } from "@/components/ui/badge";
import { STATE_LABELS, type CalloutState } from "@/lib/vocabulary/callouts";
import type { CalloutView } from "@/lib/callouts/types";
import { MAY_HAVE_BEEN_PLACED, mayHaveBeenPlaced, type ShownCalloutState } from "@/lib/callouts/client/outcomes";
import { cn } from "@/lib/ui/cn";
import type { CallReason } from "@/lib/sinch/schemas";

const TONE: Record<ShownCalloutState, "info" | "success" | "muted" | "danger" | "neutral"> = {
  placing: "info",
  dialing: "info",
  answered: "info",
  joined: "success",
  busy: "muted",
  no_answer: "muted",
  failed: "danger",
  ended: "neutral",
  // Not a failure (the phone may be ringing), not a success either.
  unknown: "muted",
};

/** The badge's words: the vocabulary's, and "May have been placed" for an unknown placement. */
function stateLabel(state: ShownCalloutState): string {
  return state === "unknown" ? MAY_HAVE_BEEN_PLACED : STATE_LABELS[state];
}

const RINGING: readonly CalloutState[] = ["placing", "dialing", "answered"];

/** The callout's state as a badge; a pulsing dot while the phone rings. */
export function CalloutStateBadge({ state, className }: { state: ShownCalloutState; className?: string }) {
  const unknown = state === "unknown";
  return (
    <Badge
      tone={TONE[state]}
      className={cn("shrink-0", unknown && "border border-dashed border-current", className)}
      data-testid="callout-state"
      data-state={state}
      title={unknown ? "Sinch did not confirm whether the call was placed; Gavel is checking" : undefined}
    >
      {!unknown && RINGING.includes(state) ? (
        <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" />
      ) : null}
      {stateLabel(state)}
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
  if (mayHaveBeenPlaced(c)) return "Sinch did not confirm the call; Gavel is checking whether it was placed";
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
      return why ? `${stateLabel(c.state)}: ${why}` : stateLabel(c.state);
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
