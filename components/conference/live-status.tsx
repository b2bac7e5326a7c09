"use client";
import { AlertTriangle, Hourglass } from "lucide-react";
import { formatAge, freshnessHeadline } from "@/lib/conferences/freshness";
import { cn } from "@/lib/ui/cn";
import { useFreshness } from "./use-freshness";

/**
 * How fresh the participant list is. "Live · updated 2 s ago" only while the last list
 * is younger than two poll windows; otherwise what is happening: "Waiting for Sinch:
 * rate limited, retrying in 6 s · last list 14 s old" or "Stale: <why> · last list
 * 14 s old", over the last list (which stays on screen), until a poll succeeds.
 */
export function LiveStatus({
  conferenceId,
  pollIntervalMs,
  className,
}: {
  conferenceId: string;
  pollIntervalMs: number;
  className?: string;
}) {
  const f = useFreshness(conferenceId, pollIntervalMs);
  if (f.state === "waiting" || f.state === "stale") {
    const waiting = f.state === "waiting";
    const headline = freshnessHeadline(f);
    const [lead, ...rest] = headline.split(": ");
    const Icon = waiting ? Hourglass : AlertTriangle;
    return (
      <div
        role="status"
        data-testid="live-status"
        data-state={f.state}
        data-age-ms={f.ageMs ?? undefined}
        className={cn(
          "inline-flex max-w-full items-start gap-1.5 rounded-md border px-2.5 py-1 text-xs",
          waiting
            ? "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-700/70 dark:bg-sky-950/50 dark:text-sky-200"
            : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700/70 dark:bg-amber-950/50 dark:text-amber-200",
          className,
        )}
      >
        <Icon aria-hidden className="mt-px size-3.5 shrink-0" />
        <span className="min-w-0 break-words">
          <span className="font-semibold">{lead}: </span>
          {rest.join(": ")}
          <span
            className={waiting ? "text-sky-800/80 dark:text-sky-300/80" : "text-amber-800/80 dark:text-amber-300/80"}
          >
            {f.ageMs !== null ? ` · last list ${formatAge(f.ageMs)} old` : " · no list yet"}
          </span>
        </span>
      </div>
    );
  }
  const live = f.state === "live";
  return (
    <div
      data-testid="live-status"
      data-state={f.state}
      data-age-ms={live ? f.ageMs : undefined}
      // Contained: "updated 3 s ago" changes every second and should repaint itself, not the page.
      className={cn(
        "inline-flex items-center gap-1.5 text-xs text-slate-500 [contain:content] dark:text-slate-400",
        className,
      )}
    >
      {/* A still dot: the words say how old the list is. A ping per list received cost the
          page over 40 % of a poll's main-thread work in the 500-row room (BENCHMARKS.md). */}
      <span aria-hidden className={cn("inline-flex size-2 rounded-full", live ? "bg-emerald-500" : "bg-slate-400")} />
      {live ? <span>Live · updated {f.ageMs < 1000 ? "just now" : `${formatAge(f.ageMs)} ago`}</span> : "Connecting…"}
    </div>
  );
}
