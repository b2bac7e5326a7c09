"use client";
import { PhoneOff } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { errorMessage } from "@/components/ui/error-toast";
import { Input, Label } from "@/components/ui/input";
import { NativeSelect, Options } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import type { Role } from "@/lib/auth/permissions";
import { mayHaveBeenPlaced } from "@/lib/callouts/client/outcomes";
import { useCallouts } from "@/lib/callouts/client/queries";
import { CALLOUT_STATES, STATE_LABELS, TYPE_LABELS } from "@/lib/vocabulary/callouts";
import type { CalloutListFilters, CalloutView } from "@/lib/callouts/types";
import { conferenceHref } from "@/lib/conferences/client/queries";
import { formatAgo, formatDuration } from "@/lib/conferences/time";
import { cn } from "@/lib/ui/cn";
import { useNow } from "@/lib/ui/client/use-now";
import { CalloutStateBadge, outcomeText, SinchResult } from "./callout-state";
import { destinationText, RetryButton } from "./retry-button";

// "unknown" too: Retry asks first there (the phone may ring twice).
const RETRYABLE = new Set(["busy", "no_answer", "failed", "unknown"]);

function CalloutRow({ c, role, now }: { c: CalloutView; role: Role; now: number }) {
  const created = Date.parse(c.createdAt);
  const failedOutcome = (c.state === "failed" || c.error !== null) && !mayHaveBeenPlaced(c);
  return (
    <li
      data-testid="callout-row"
      data-state={c.state}
      data-callout-id={c.id}
      className="flex flex-col gap-1.5 px-3 py-2.5 sm:flex-row sm:items-center sm:gap-3"
    >
      <div className="min-w-0 flex-1 space-y-0.5">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
          <CalloutStateBadge state={c.state} />
          <span className="whitespace-nowrap font-medium tabular-nums text-slate-900 dark:text-slate-100">
            {destinationText(c)}
          </span>
          {c.name ? (
            <span className="min-w-0 truncate text-sm font-medium text-slate-800 dark:text-slate-100" title="Directory">
              {c.name}
            </span>
          ) : null}
          {c.label && c.label !== c.name ? (
            <span className="min-w-0 truncate text-sm text-slate-600 dark:text-slate-300">{c.label}</span>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-500 dark:text-slate-400">
          <span>{TYPE_LABELS[c.type]}</span>
          {c.conferenceId ? (
            <span className="min-w-0 truncate">
              into{" "}
              <Link
                href={conferenceHref(c.conferenceId)}
                className="font-medium text-brand-600 hover:underline dark:text-brand-100"
              >
                {c.conferenceId}
              </Link>
            </span>
          ) : null}
          <span aria-hidden>·</span>
          <span className={cn(failedOutcome && "text-red-700 dark:text-red-300")} data-testid="callout-outcome">
            {outcomeText(c)}
          </span>
          {c.durationSeconds ? <span className="tabular-nums">{formatDuration(c.durationSeconds)}</span> : null}
          <SinchResult c={c} />
        </div>
      </div>
      <div className="flex shrink-0 items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
        <span title={new Date(created).toLocaleString()} className="tabular-nums">
          {now ? formatAgo(created, now) : null}
        </span>
        {c.actorEmail ? <span className="hidden truncate md:inline">by {c.actorEmail}</span> : null}
        {RETRYABLE.has(c.state) ? <RetryButton callout={c} role={role} /> : null}
      </div>
    </li>
  );
}

/** The callouts placed lately, newest first, filterable; updates every second while any is ringing. */
export function CalloutList({ role }: { role: Role }) {
  const [state, setState] = useState<string>("");
  const [conference, setConference] = useState("");
  const deferredConference = useDeferredValue(conference.trim());
  const filters: CalloutListFilters = {
    ...(state ? { state: state as CalloutListFilters["state"] } : {}),
    ...(deferredConference ? { conferenceId: deferredConference } : {}),
  };
  const list = useCallouts(filters);
  const now = useNow();
  const callouts = list.data ?? [];
  const active = callouts.filter((c) => !c.final).length;

  return (
    <section
      aria-labelledby="placed-callouts"
      className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 p-3 dark:border-slate-800">
        <div className="mr-auto">
          <h2 id="placed-callouts" className="text-base font-semibold">
            Placed callouts
          </h2>
          <p className="text-xs text-slate-500 dark:text-slate-400" aria-live="polite">
            {list.data
              ? active > 0
                ? `${active} in progress, updating every second`
                : `${callouts.length} shown`
              : " "}
          </p>
        </div>
        <div className="flex w-full gap-2 sm:w-auto">
          <div className="flex-1 space-y-1 sm:flex-none">
            <Label htmlFor="filter-state" className="block text-xs">
              State
            </Label>
            <NativeSelect
              id="filter-state"
              className="sm:w-36"
              value={state}
              onChange={(e) => setState(e.target.value)}
            >
              <option value="">All</option>
              <option value="active">In progress</option>
              <option value="finished">Finished</option>
              <Options values={CALLOUT_STATES} label={STATE_LABELS} />
            </NativeSelect>
          </div>
          <div className="flex-1 space-y-1 sm:flex-none">
            <Label htmlFor="filter-conference" className="block text-xs">
              In conference
            </Label>
            <Input
              id="filter-conference"
              className="sm:w-44"
              value={conference}
              onChange={(e) => setConference(e.target.value)}
              placeholder="Any"
              maxLength={64}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        </div>
      </div>
      {list.data === undefined ? (
        list.error ? (
          <p role="alert" className="p-6 text-sm text-red-700 dark:text-red-300">
            Could not load callouts: {errorMessage(list.error)}
          </p>
        ) : (
          <p className="flex items-center gap-2 p-6 text-sm text-slate-500">
            <Spinner /> Loading callouts…
          </p>
        )
      ) : callouts.length === 0 ? (
        <div className="flex flex-col items-center gap-1 px-6 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
          <PhoneOff aria-hidden className="size-6" />
          {state || deferredConference
            ? "No callouts match these filters."
            : "No callouts yet. Place one with the form."}
        </div>
      ) : (
        <ul aria-label="Callouts" className="divide-y divide-slate-100 dark:divide-slate-800">
          {callouts.map((c) => (
            <CalloutRow key={c.id} c={c} role={role} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
