"use client";
import { RotateCcw } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { CheckedLine } from "@/lib/callouts/dial-list";
import type { CalloutView } from "@/lib/callouts/types";
import { formatNumber } from "@/lib/conferences/format";
import { CalloutStateBadge, outcomeText, SinchResult } from "./callout-state";

/** What became of one line of the list. */
export interface LineOutcome {
  calloutId?: string;
  /** Not placed: the server's sentence. */
  error?: string;
  /** Being sent right now. */
  sending?: boolean;
}

export interface Run {
  batchId: string;
  conferenceId: string;
  lines: CheckedLine[];
  /** By position in `lines`. */
  outcomes: Map<number, LineOutcome>;
  /** The shared settings, sent again with a retry. */
  settings: { cli: string; dtmf: string; greeting: string; locale: string; mohClass: string };
}

const RETRYABLE = new Set(["busy", "no_answer", "failed"]);

function needsRetry(o: LineOutcome | undefined, byId: Map<string, CalloutView>): boolean {
  if (!o || o.sending) return false;
  if (o.calloutId) {
    const c = byId.get(o.calloutId);
    return c !== undefined && RETRYABLE.has(c.state);
  }
  return o.error !== undefined;
}

/**
 * A dialled list as it goes: how many joined, ring or failed, each line with its
 * call's state, and Retry for the lines that did not connect.
 */
export function DialListRun({
  run,
  byId,
  pending,
  onRetry,
  onNewList,
}: {
  run: Run;
  /** The run's callouts as last fetched, by id. */
  byId: Map<string, CalloutView>;
  /** A send (the first, or a retry) is in flight. */
  pending: boolean;
  /** Sends these line positions again. */
  onRetry: (positions: number[]) => void;
  onNewList: () => void;
}) {
  const retryable = run.lines.flatMap((_, i) => (needsRetry(run.outcomes.get(i), byId) ? [i] : []));
  const counts = { joined: 0, ringing: 0, failed: 0, invalid: 0 };
  run.lines.forEach((l, i) => {
    const o = run.outcomes.get(i);
    const c = o?.calloutId ? byId.get(o.calloutId) : undefined;
    if (!l.ok) counts.invalid++;
    else if (c?.state === "joined") counts.joined++;
    else if (needsRetry(o, byId) || (c && c.final)) counts.failed++;
    else counts.ringing++;
  });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <p className="mr-auto text-sm" aria-live="polite" data-testid="dial-list-summary">
          Into <span className="font-medium">{run.conferenceId}</span>: {counts.joined} joined
          {counts.ringing ? `, ${counts.ringing} ringing` : ""}
          {counts.failed ? `, ${counts.failed} not connected` : ""}
          {counts.invalid ? `, ${counts.invalid} invalid` : ""}
        </p>
        <Button
          size="sm"
          variant="primary"
          disabled={retryable.length === 0 || pending}
          onClick={() => onRetry(retryable)}
        >
          {pending ? <Spinner /> : <RotateCcw aria-hidden className="size-3.5" />}
          Retry failed ({retryable.length})
        </Button>
        <Button size="sm" variant="secondary" disabled={pending} onClick={onNewList}>
          New list
        </Button>
      </div>
      <ol
        aria-label="Numbers in this list"
        className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
      >
        {run.lines.map((l, i) => {
          const o = run.outcomes.get(i);
          const c = o?.calloutId ? byId.get(o.calloutId) : undefined;
          return (
            <li
              key={i}
              data-testid="dial-list-line"
              data-state={!l.ok ? "invalid" : c ? c.state : o?.sending ? "sending" : o?.error ? "error" : "pending"}
              className="flex flex-wrap items-center gap-x-2 gap-y-0.5 px-3 py-1.5 text-sm"
            >
              <span className="w-8 shrink-0 text-right text-xs tabular-nums text-slate-400">{l.line}</span>
              <span className="tabular-nums">{l.ok ? formatNumber(l.e164) : l.number || "(empty)"}</span>
              {l.label ? <span className="truncate text-slate-500 dark:text-slate-400">{l.label}</span> : null}
              <span className="ml-auto flex items-center gap-2">
                {!l.ok ? (
                  <>
                    <Badge tone="danger">Invalid</Badge>
                    <span className="text-xs text-red-700 dark:text-red-300">{l.message}</span>
                  </>
                ) : c ? (
                  <>
                    <CalloutStateBadge state={c.state} />
                    <span className="text-xs text-slate-500 dark:text-slate-400">{outcomeText(c)}</span>
                    <SinchResult c={c} />
                  </>
                ) : o?.sending || !o ? (
                  <span className="flex items-center gap-1 text-xs text-slate-500">
                    <Spinner className="size-3" /> Sending
                  </span>
                ) : (
                  <>
                    <Badge tone="danger">Not placed</Badge>
                    <span className="text-xs text-red-700 dark:text-red-300">{o.error}</span>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
