"use client";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/lib/ui/cn";
import { PinButton, InlineRename } from "./conference-organize";
import { LiveStatus } from "./live-status";

function Stat({ label, value, tone, testId }: { label: string; value: number | null; tone?: string; testId: string }) {
  return (
    <div className="flex items-baseline gap-1.5" data-testid={testId}>
      <dt className="order-2 text-sm text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className={cn("order-1 text-xl font-semibold tabular-nums text-slate-900 dark:text-slate-50", tone)}>
        {value ?? "–"}
      </dd>
    </div>
  );
}

/** Who the console is looking at: name and id, the live counts, how fresh they are, and "End meeting". */
export function ConferenceHeader({
  conferenceId,
  displayName,
  pinned,
  counts,
  pollIntervalMs,
  endMeeting,
}: {
  conferenceId: string;
  displayName: string | null;
  pinned: boolean;
  counts: { participants: number; muted: number; onhold: number } | null;
  /** The window the list is read at now (live-backoff.ts), for how fresh it is. */
  pollIntervalMs: number;
  endMeeting: ReactNode;
}) {
  const label = displayName ?? conferenceId;
  return (
    <header className="space-y-3">
      <Link
        href="/"
        className="inline-flex items-center gap-0.5 text-sm text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
      >
        <ChevronLeft aria-hidden className="size-4" />
        Conferences
      </Link>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <div className="flex min-w-0 items-center gap-1">
            <PinButton conferenceId={conferenceId} pinned={pinned} label={label} className="-ml-2 shrink-0" />
            <InlineRename conferenceId={conferenceId} displayName={displayName} label={label}>
              <h1 className="min-w-0 text-xl font-semibold tracking-tight [overflow-wrap:anywhere] sm:text-2xl">
                {label}
              </h1>
              {displayName ? null : <CopyButton value={conferenceId} label="Copy conference ID" className="shrink-0" />}
            </InlineRename>
          </div>
          {displayName ? (
            <div className="flex min-w-0 items-center gap-1 text-sm text-slate-500 dark:text-slate-400">
              <span className="min-w-0 font-mono text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
                {conferenceId}
              </span>
              <CopyButton value={conferenceId} label="Copy conference ID" className="shrink-0" />
            </div>
          ) : null}
        </div>
        <div className="shrink-0">{endMeeting}</div>
      </div>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <dl className="flex flex-wrap items-baseline gap-x-5 gap-y-1" aria-label="Live counts">
          <Stat
            label={counts?.participants === 1 ? "participant" : "participants"}
            value={counts?.participants ?? null}
            testId="count-participants"
          />
          <Stat
            label="muted"
            value={counts?.muted ?? null}
            tone="text-amber-700 dark:text-amber-300"
            testId="count-muted"
          />
          <Stat
            label="on hold"
            value={counts?.onhold ?? null}
            tone="text-sky-700 dark:text-sky-300"
            testId="count-onhold"
          />
        </dl>
        <LiveStatus conferenceId={conferenceId} pollIntervalMs={pollIntervalMs} />
      </div>
    </header>
  );
}
