"use client";
import { ChevronRight, EyeOff, MicOff, Pause, PhoneCall, Users } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { RequestId } from "@/components/ui/error-toast";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/api/errors";
import { conferenceHref, LIST_REFRESH_MS, useConferences } from "@/lib/conferences/client/queries";
import type { ConferenceListSearch, ConferenceSummary } from "@/lib/conferences/types";
import { formatAgo } from "@/lib/conferences/time";
import { cn } from "@/lib/ui/cn";
import { useNow } from "@/lib/ui/client/use-now";
import { InlineRename, PinButton } from "./conference-organize";
import { ForgetConference } from "./forget-conference";

function Count({ icon: Icon, value, label, tone }: { icon: typeof Users; value: number; label: string; tone: string }) {
  return (
    <span className={cn("inline-flex items-center gap-1 tabular-nums", value === 0 && "opacity-50")} title={label}>
      <Icon aria-hidden className={cn("size-3.5", tone)} />
      <span className="font-medium text-slate-900 dark:text-slate-100">{value}</span>
      <span className="text-slate-500 dark:text-slate-400">{label}</span>
    </span>
  );
}

/**
 * Whether a reading is current: read within one poll window of this list's own last
 * refresh (every LIST_REFRESH_MS). While someone watches, Gavel reads the room every
 * window; older than that, nobody is watching and the count says how old it is.
 */
function isCurrent(at: number, now: number, pollIntervalMs: number): boolean {
  return now > 0 && now - at < pollIntervalMs + LIST_REFRESH_MS;
}

/** When Gavel last read the conference's list from Sinch, or null if it never has. */
function polledAt(c: ConferenceSummary): number | null {
  return c.lastPolledAt ? Date.parse(c.lastPolledAt) : null;
}

/**
 * The conference's numbers as Gavel last read them (only while someone has it open,
 * or a command or callout touches it): "not watched yet" when it never has, rather
 * than zeros that are no count, and "as of …" once nobody is watching (isCurrent).
 */
function Numbers({ c, pollIntervalMs }: { c: ConferenceSummary; pollIntervalMs: number }) {
  const now = useNow();
  const at = polledAt(c);
  const place =
    "col-start-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs sm:col-start-3 sm:row-start-1 sm:justify-end sm:text-sm";
  if (at === null) {
    return (
      <div
        className={cn(place, "text-slate-500 dark:text-slate-400")}
        data-testid="conference-counts"
        data-state="unwatched"
      >
        <span className="inline-flex items-center gap-1">
          <EyeOff aria-hidden className="size-3.5" />
          Not watched yet
        </span>
      </div>
    );
  }
  const fresh = isCurrent(at, now, pollIntervalMs);
  return (
    <div
      className={cn(place, !fresh && "text-slate-500")}
      data-testid="conference-counts"
      data-state={fresh ? "fresh" : "aged"}
    >
      <span className={cn("contents", !fresh && "[&>span]:opacity-70")}>
        <Count
          icon={Users}
          value={c.participantCount}
          label="connected"
          tone="text-emerald-600 dark:text-emerald-400"
        />
        <Count icon={MicOff} value={c.mutedCount} label="muted" tone="text-amber-600 dark:text-amber-400" />
        <Count icon={Pause} value={c.onholdCount} label="on hold" tone="text-sky-600 dark:text-sky-400" />
      </span>
      {!fresh && now > 0 ? (
        <span className="basis-full text-xs text-slate-500 sm:basis-auto dark:text-slate-400">
          as of {formatAgo(at, now)}
        </span>
      ) : null}
    </div>
  );
}

function LastConnected({ c, pollIntervalMs }: { c: ConferenceSummary; pollIntervalMs: number }) {
  const now = useNow();
  if (!now) return null;
  const at = polledAt(c);
  if (!c.lastConnectedAt) {
    return <span>{at === null ? "Open it to read it from Sinch" : "Nobody seen connected yet"}</span>;
  }
  if (c.participantCount > 0 && at !== null && isCurrent(at, now, pollIntervalMs)) {
    return <span className="text-emerald-700 dark:text-emerald-400">Connected now</span>;
  }
  return <span>Last connected {formatAgo(Date.parse(c.lastConnectedAt), now)}</span>;
}

function ConferenceItem({ c, pollIntervalMs }: { c: ConferenceSummary; pollIntervalMs: number }) {
  const label = c.displayName ?? c.conferenceId;
  return (
    <li
      data-testid="conference-item"
      data-conference-id={c.conferenceId}
      className="grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-2 gap-y-1 px-3 py-3 sm:grid-cols-[auto_minmax(0,1fr)_auto_auto] sm:gap-x-4"
    >
      <PinButton
        conferenceId={c.conferenceId}
        pinned={c.pinned}
        label={label}
        className="row-span-2 self-start sm:row-span-1 sm:self-center"
      />
      <div className="min-w-0">
        <InlineRename conferenceId={c.conferenceId} displayName={c.displayName} label={label}>
          <Link
            href={conferenceHref(c.conferenceId)}
            className="min-w-0 font-medium text-slate-900 [overflow-wrap:anywhere] hover:text-brand-600 hover:underline dark:text-slate-100 dark:hover:text-brand-100"
          >
            {label}
          </Link>
        </InlineRename>
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 text-xs text-slate-500 dark:text-slate-400">
          {c.displayName ? <span className="min-w-0 font-mono [overflow-wrap:anywhere]">{c.conferenceId}</span> : null}
          {c.displayName ? <span aria-hidden>·</span> : null}
          <LastConnected c={c} pollIntervalMs={pollIntervalMs} />
        </div>
      </div>
      <Numbers c={c} pollIntervalMs={pollIntervalMs} />
      <div className="col-start-3 row-start-1 flex items-center sm:col-start-4">
        <ForgetConference conferenceId={c.conferenceId} label={label} />
        <Link
          href={conferenceHref(c.conferenceId)}
          aria-label={`Open ${label}`}
          className="inline-flex size-8 items-center justify-center rounded-md text-slate-400 hover:bg-slate-100 hover:text-slate-700 dark:hover:bg-slate-800 dark:hover:text-slate-200"
        >
          <ChevronRight aria-hidden className="size-4" />
        </Link>
      </div>
    </li>
  );
}

/** Gavel's conferences that match the home's search, pinned first, refreshed every few seconds. */
export function ConferenceList({
  pollIntervalMs,
  search,
  onClear,
}: {
  pollIntervalMs: number;
  search: ConferenceListSearch;
  /** Clears the search and the filter. */
  onClear: () => void;
}) {
  const list = useConferences(search, LIST_REFRESH_MS);
  const conferences = list.data?.conferences;
  const total = list.data?.total ?? 0;
  const searching = search.q.trim() !== "" || search.show !== "all";

  return (
    <section
      aria-labelledby="conference-list-heading"
      className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-3 py-2.5 dark:border-slate-800">
        <h2 id="conference-list-heading" className="text-sm font-semibold">
          {searching ? "Matching conferences" : "All conferences"}
          {conferences ? (
            <span className="ml-1.5 font-normal text-slate-500" data-testid="conference-count">
              {searching ? `${conferences.length} of ${total}` : conferences.length}
            </span>
          ) : null}
          {list.isPlaceholderData ? <Spinner className="ml-1.5 inline size-3.5 text-slate-400" /> : null}
        </h2>
        {list.error && conferences ? (
          <span role="status" className="text-xs text-amber-700 dark:text-amber-300">
            Not refreshed: {list.error.message}
          </span>
        ) : (
          <span className="hidden text-xs text-slate-500 sm:inline dark:text-slate-400">
            Pinned first, then most recently seen
          </span>
        )}
      </div>
      {conferences === undefined ? (
        list.error ? (
          <div role="alert" className="flex flex-col items-center gap-1 px-6 py-10 text-center text-sm">
            <p className="font-medium">Could not load the conferences</p>
            <p className="text-slate-600 dark:text-slate-400">{list.error.message}</p>
            {list.error instanceof ApiError && list.error.requestId ? <RequestId id={list.error.requestId} /> : null}
          </div>
        ) : (
          <div className="divide-y divide-slate-200 dark:divide-slate-800" aria-busy>
            <span className="sr-only">Loading conferences…</span>
            {[0, 1, 2].map((i) => (
              <div key={i} aria-hidden className="flex items-center gap-3 px-3 py-4">
                <div className="size-5 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
                <div className="h-4 w-48 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
                <div className="ml-auto h-4 w-40 animate-pulse rounded bg-slate-100 dark:bg-slate-800/60" />
              </div>
            ))}
          </div>
        )
      ) : conferences.length === 0 && searching ? (
        <div className="flex flex-col items-center gap-2 px-6 py-12 text-center" data-testid="conferences-no-match">
          <p className="font-medium text-slate-900 dark:text-slate-100">No conference matches</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            Search looks at IDs, names, and who was connected when Gavel last looked.
          </p>
          <Button variant="secondary" size="sm" onClick={onClear}>
            Show all conferences
          </Button>
        </div>
      ) : conferences.length === 0 ? (
        <div className="flex flex-col items-center gap-2 px-6 py-14 text-center" data-testid="conferences-empty">
          <div className="mb-1 flex size-11 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
            <PhoneCall aria-hidden className="size-5" />
          </div>
          <p className="font-medium text-slate-900 dark:text-slate-100">No conferences yet</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            Sinch cannot list conferences, so Gavel lists the ones it has seen: open one by its ID above, or place a
            callout into one, and it appears here.
          </p>
        </div>
      ) : (
        <ul aria-label="Conferences" className="divide-y divide-slate-200 dark:divide-slate-800">
          {conferences.map((c) => (
            <ConferenceItem key={c.conferenceId} c={c} pollIntervalMs={pollIntervalMs} />
          ))}
        </ul>
      )}
    </section>
  );
}
