"use client";
import { RefreshCw, SearchX, Users } from "lucide-react";
import { Button } from "@/components/ui/button";
import { RequestId } from "@/components/ui/error-toast";
import { ApiError } from "@/lib/api/errors";
import type { ConferenceSummary } from "@/lib/conferences/types";
import { formatAgo } from "@/lib/conferences/time";
import { useNow } from "@/lib/ui/client/use-now";

/**
 * What the participants section shows instead of rows: loading, the first load
 * failed, nobody connected, or nobody matching the search and filters. (A failed
 * poll after a list arrived keeps the list: the header says it is stale.)
 */
export function LoadingRows() {
  return (
    <div className="divide-y divide-slate-200 dark:divide-slate-800">
      <span className="sr-only">Loading participants…</span>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} aria-hidden className="flex items-center gap-4 px-3 py-3">
          <div className="h-4 w-4 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
          <div className="h-4 w-40 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
          <div className="ml-auto h-8 w-56 animate-pulse rounded bg-slate-100 dark:bg-slate-800/60" />
        </div>
      ))}
    </div>
  );
}

export function LoadError({
  error,
  onRetry,
  pollIntervalMs,
}: {
  error: Error;
  onRetry: () => void;
  pollIntervalMs: number;
}) {
  return (
    <div role="alert" className="flex flex-col items-center gap-2 px-6 py-12 text-center">
      <p className="font-medium text-slate-900 dark:text-slate-100">Could not load the participants</p>
      <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
        {error.message} Gavel keeps trying every {Math.round(pollIntervalMs / 1000)} s.
      </p>
      {error instanceof ApiError && error.requestId ? <RequestId id={error.requestId} /> : null}
      <Button size="sm" onClick={onRetry} className="mt-2">
        <RefreshCw aria-hidden className="size-3.5" />
        Try now
      </Button>
    </div>
  );
}

export function EmptyConference({
  summary,
  name,
  sawSomeone,
}: {
  summary: ConferenceSummary | undefined;
  name: string;
  sawSomeone: boolean;
}) {
  const now = useNow();
  const lastConnected = summary?.lastConnectedAt ? Date.parse(summary.lastConnectedAt) : null;
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-14 text-center" data-testid="empty-conference">
      <div className="mb-1 flex size-11 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
        <Users aria-hidden className="size-5" />
      </div>
      {lastConnected === null && !sawSomeone ? (
        <>
          <p className="font-medium text-slate-900 dark:text-slate-100">Nobody has joined {name} yet</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            Sinch creates a conference room when its first participant joins, so there is nothing to moderate until
            someone dials in. This page updates by itself as people connect.
          </p>
        </>
      ) : (
        <>
          <p className="font-medium text-slate-900 dark:text-slate-100">Nobody is connected</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            Everyone has left
            {now && lastConnected !== null ? `; Gavel last saw someone connected ${formatAgo(lastConnected, now)}` : ""}
            . This page updates by itself when someone joins.
          </p>
        </>
      )}
    </div>
  );
}

export function NoMatches({ onClear }: { onClear: () => void }) {
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-12 text-center">
      <SearchX aria-hidden className="size-6 text-slate-400" />
      <p className="font-medium text-slate-900 dark:text-slate-100">No participants match</p>
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear search and filters
      </Button>
    </div>
  );
}
