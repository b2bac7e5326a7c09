"use client";
import { CheckCircle2, CircleHelp, Mic, MicOff, PhoneOff, Play, RotateCcw, X, XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { bulkFailed, unknownResults } from "@/lib/conferences/client/outcomes";
import { formatNumber } from "@/lib/conferences/format";
import type { BulkAction, BulkResponse, MohClass } from "@/lib/conferences/types";
import { BULK_DOING, BULK_DONE } from "@/lib/conferences/view";
import { cn } from "@/lib/ui/cn";
import { HoldButton } from "./hold-button";

/**
 * What to do with the selected rows: one request for all of them. While it runs the
 * bar says so ("Muting 23…") and its buttons wait.
 */
export function BulkBar({
  count,
  allMode,
  onClear,
  pending,
  moh,
  onChooseMusic,
  onRun,
  onRequestKick,
}: {
  count: number;
  /** "Everyone in the room" semantics (Select all), with any unticked rows excepted. */
  allMode: boolean;
  onClear: () => void;
  pending: { action: BulkAction; count: number } | null;
  moh: MohClass;
  onChooseMusic: (moh: MohClass) => void;
  onRun: (action: Exclude<BulkAction, "kick">, moh?: MohClass) => void;
  onRequestKick: () => void;
}) {
  const busy = pending !== null;
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="flex flex-col gap-2 rounded-lg border border-indigo-200 bg-brand-50 px-3 py-2 sm:flex-row sm:flex-wrap sm:items-center dark:border-brand-700/50 dark:bg-brand-700/15"
    >
      <div className="flex min-h-8 items-center gap-2 text-sm">
        {busy ? (
          <span role="status" className="inline-flex items-center gap-2 font-medium text-brand-700 dark:text-brand-100">
            <Spinner />
            {BULK_DOING[pending.action]} {pending.count}…
          </span>
        ) : (
          <>
            <span className="font-medium text-slate-900 dark:text-slate-100" data-testid="selection-count">
              {count} selected{allMode ? " (everyone in the room)" : ""}
            </span>
            <Button size="sm" variant="ghost" onClick={onClear} className="h-7 px-2 text-slate-600 dark:text-slate-300">
              Clear
            </Button>
          </>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-1.5 sm:ml-auto">
        <Button size="sm" aria-label="Mute selected" disabled={busy || count === 0} onClick={() => onRun("mute")}>
          <MicOff aria-hidden className="size-3.5" />
          Mute
        </Button>
        <Button size="sm" aria-label="Unmute selected" disabled={busy || count === 0} onClick={() => onRun("unmute")}>
          <Mic aria-hidden className="size-3.5" />
          Unmute
        </Button>
        <HoldButton
          who="selected"
          moh={moh}
          disabled={busy || count === 0}
          onHold={(m) => onRun("hold", m)}
          onChooseMusic={onChooseMusic}
        />
        <Button size="sm" aria-label="Resume selected" disabled={busy || count === 0} onClick={() => onRun("resume")}>
          <Play aria-hidden className="size-3.5" />
          Resume
        </Button>
        <Button
          size="sm"
          variant="danger-outline"
          aria-label="Kick selected"
          disabled={busy || count === 0}
          onClick={onRequestKick}
        >
          <PhoneOff aria-hidden className="size-3.5" />
          Kick
        </Button>
      </div>
    </div>
  );
}

/**
 * "23 muted, 3 not confirmed yet, 1 failed: +44 7700 900123 left the call", and a
 * way to retry just the failures. Counted from the results, so a server that counts
 * an unknown outcome as failed still reads right.
 */
export function bulkSummaryText(r: BulkResponse): string {
  const done = `${r.succeeded} ${BULK_DONE[r.action]}`;
  if (r.results.length === 0) return "Nobody was selected who is still in the call.";
  const unknown = unknownResults(r.results).length;
  const failures = r.results.filter(bulkFailed);
  const unconfirmed = unknown > 0 ? `, ${unknown} not confirmed yet` : "";
  if (failures.length === 0) return done + unconfirmed;
  const first = failures[0];
  const why = first?.error?.message ?? (first?.cli ? `${formatNumber(first.cli)} failed` : "");
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : "";
  return `${done}${unconfirmed}, ${failures.length} failed${why ? `: ${why}` : ""}${more}`;
}

export function BulkSummary({
  result,
  onRetry,
  retrying,
  onDismiss,
  canRetry,
}: {
  result: BulkResponse;
  onRetry: () => void;
  retrying: boolean;
  onDismiss: () => void;
  canRetry: boolean;
}) {
  const failures = result.results.filter(bulkFailed);
  const ok = failures.length === 0;
  // Some rows Sinch did not confirm: not a success yet, not a failure either.
  const unsure = ok && unknownResults(result.results).length > 0;
  return (
    <div
      role="status"
      data-testid="bulk-summary"
      className={cn(
        "rounded-lg border px-3 py-2 text-sm",
        unsure
          ? "border-slate-300 bg-slate-50 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
          : ok
            ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100"
            : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100",
      )}
    >
      <div className="flex flex-wrap items-start gap-2">
        {unsure ? (
          <CircleHelp aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500 dark:text-slate-400" />
        ) : ok ? (
          <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
        ) : (
          <XCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600 dark:text-red-400" />
        )}
        <p className="min-w-0 flex-1 break-words font-medium">{bulkSummaryText(result)}</p>
        <div className="flex items-center gap-1.5">
          {!ok && canRetry ? (
            <Button size="sm" variant="secondary" onClick={onRetry} disabled={retrying}>
              {retrying ? <Spinner className="size-3.5" /> : <RotateCcw aria-hidden className="size-3.5" />}
              Retry failed
            </Button>
          ) : null}
          <Button size="icon" variant="ghost" aria-label="Dismiss summary" onClick={onDismiss} className="size-7">
            <X aria-hidden className="size-4" />
          </Button>
        </div>
      </div>
      {failures.length > 1 ? (
        <ul className="mt-1.5 max-h-32 list-disc space-y-0.5 overflow-y-auto pl-10 text-xs">
          {failures.map((f) => (
            <li key={f.callId}>{f.error?.message ?? `${f.cli ? formatNumber(f.cli) : f.callId} failed`}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
