"use client";
import { AlertTriangle } from "lucide-react";
import { formatAgo } from "@/lib/conferences/time";
import { cn } from "@/lib/ui/cn";
import { useNow } from "@/lib/ui/client/use-now";

/**
 * How fresh the participant list is: "Live · updated 2 s ago", or, while polls fail,
 * "Stale: <why>" over the last list (which stays on screen), until a poll succeeds.
 */
export function LiveStatus({
  receivedAt,
  error,
  className,
}: {
  receivedAt: number | undefined;
  error: Error | null;
  className?: string;
}) {
  const now = useNow();
  const age = receivedAt !== undefined && now ? formatAgo(receivedAt, now) : null;
  if (error) {
    return (
      <div
        role="status"
        data-testid="live-status"
        data-state="stale"
        className={cn(
          "inline-flex max-w-full items-start gap-1.5 rounded-md border border-amber-300 bg-amber-50 px-2.5 py-1 text-xs text-amber-900 dark:border-amber-700/70 dark:bg-amber-950/50 dark:text-amber-200",
          className,
        )}
      >
        <AlertTriangle aria-hidden className="mt-px size-3.5 shrink-0" />
        <span className="min-w-0 break-words">
          <span className="font-semibold">Stale: </span>
          {error.message}
          {age ? <span className="text-amber-800/80 dark:text-amber-300/80"> · last update {age}</span> : null}
        </span>
      </div>
    );
  }
  return (
    <div
      data-testid="live-status"
      data-state={receivedAt === undefined ? "connecting" : "live"}
      className={cn("inline-flex items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400", className)}
    >
      <span
        aria-hidden
        className={cn(
          "relative inline-flex size-2 rounded-full",
          receivedAt === undefined ? "bg-slate-400" : "bg-emerald-500",
        )}
      >
        {receivedAt !== undefined ? (
          // One ping per list received (keyed, so each new list replays it): a heartbeat
          // that stops when the data does, and no endless animation burning the
          // moderator's CPU for the length of a meeting.
          <span
            key={receivedAt}
            className="absolute inset-0 animate-[ping_0.8s_cubic-bezier(0,0,0.2,1)_1_forwards] rounded-full bg-emerald-400 opacity-60 motion-reduce:hidden"
          />
        ) : null}
      </span>
      {receivedAt === undefined ? "Connecting…" : <span>Live · updated {age ?? "just now"}</span>}
    </div>
  );
}
