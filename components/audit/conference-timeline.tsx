"use client";
import { ChevronDown, ChevronRight, CircleAlert, Download, Gavel, LogIn, LogOut, UserX } from "lucide-react";
import { useSession } from "next-auth/react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useId, useRef, useState, type ReactNode } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Gated } from "@/components/ui/gated";
import { ListStates } from "@/components/ui/list-states";
import { Spinner } from "@/components/ui/spinner";
import { useTimeline } from "@/lib/attendance/client/queries";
import { attendanceCsvUrl, type TimelineEvent } from "@/lib/attendance/schemas";
import { actionLabel, outcomeLabel } from "@/lib/audit/types";
import { can, whyNot } from "@/lib/auth/permissions";
import { formatNumber } from "@/lib/conferences/format";
import { withMusic } from "@/lib/conferences/hold-music";
import { cn } from "@/lib/ui/cn";
import { formatDateTime, formatTimeOfDay } from "@/lib/util/time";

/** The directory's name now, else the callout's label, with the number; else what is known. */
function who(e: TimelineEvent): string {
  const number = e.number ? formatNumber(e.number) : null;
  const name = e.name ?? e.label;
  if (name && number) return `${name} (${number})`;
  return name ?? number ?? (e.callId ? `call ${e.callId}` : "a participant");
}

/** The name a "Name this number" entry gave (directory.create's name, directory.update's `to.name`). */
function givenName(params: Record<string, unknown> | null): string | null {
  const to = params?.to as { name?: unknown } | undefined;
  const name = to?.name ?? params?.name;
  return typeof name === "string" ? name : null;
}

/** What a moderator did to one participant, and what they tried to do when it failed. */
const VERBS: Record<string, [done: string, tried: string]> = {
  "participant.mute": ["muted", "tried to mute"],
  "participant.unmute": ["unmuted", "tried to unmute"],
  "participant.hold": ["put on hold", "tried to put on hold"],
  "participant.resume": ["took off hold", "tried to take off hold"],
  "participant.kick": ["removed", "tried to remove"],
};

function count(params: Record<string, unknown> | null, key: string): number | null {
  const v = params?.[key];
  return typeof v === "number" ? v : null;
}

/**
 * What is known about a leave's time beyond the time column: a range when Gavel only
 * noticed it after a gap in polling (never presented as an exact time), or where an
 * exact time came from when it was not a poll.
 */
function leaveWhen(e: TimelineEvent): ReactNode {
  const muted = "text-slate-500 dark:text-slate-400";
  if (e.leftAfter) {
    return (
      <>
        {" "}
        between{" "}
        <time dateTime={e.leftAfter} title={formatDateTime(e.leftAfter)}>
          {formatTimeOfDay(e.leftAfter)}
        </time>{" "}
        and{" "}
        <time dateTime={e.at} title={formatDateTime(e.at)}>
          {formatTimeOfDay(e.at)}
        </time>
        <span className={muted}> (Gavel was not polling then)</span>
      </>
    );
  }
  if (e.leaveSource === "call_record") return <span className={muted}> (time from Sinch’s call record)</span>;
  return null;
}

/** One sentence per event: "ann@example.com muted +46 70 816 87 31". */
function sentence(e: TimelineEvent): ReactNode {
  const actor = e.actor ?? "Someone";
  if (e.kind === "join") return <>{who(e)} joined</>;
  if (e.kind === "leave") {
    const when = leaveWhen(e);
    if (e.actor || e.reason) {
      return (
        <>
          {who(e)} was removed{e.actor ? <> by {e.actor}</> : null}
          {when}
          {e.reason ? <span className="text-slate-500 dark:text-slate-400"> (“{e.reason}”)</span> : null}
        </>
      );
    }
    return (
      <>
        {who(e)} left{when}
      </>
    );
  }
  const action = e.action ?? "";
  // Pending, unknown or interrupted: Sinch has not confirmed, so the line says "tried to", never "did".
  const undecided = e.outcome !== null && e.outcome !== "succeeded" && e.outcome !== "failed";
  const failed = e.outcome === "failed" || undecided;
  let what: ReactNode;
  const verb = VERBS[action];
  if (verb) {
    what = (
      <>
        {failed ? verb[1] : verb[0]} {who(e)}
        {action === "participant.hold" ? withMusic(e.params) : null}
      </>
    );
  } else if (action.startsWith("bulk.")) {
    const ok = count(e.params, "succeeded");
    const targets = count(e.params, "targets");
    what = (
      <>
        {actionLabel(action).toLowerCase()}
        {action === "bulk.hold" ? withMusic(e.params) : null}
        {targets !== null ? `: ${ok ?? 0} of ${targets} succeeded` : null}
      </>
    );
  } else if (action === "conference.kick_all") {
    what = <>{failed ? "tried to end" : "ended"} the meeting (kick all)</>;
  } else if (action === "conference.rename") {
    const name = typeof e.params?.displayName === "string" ? e.params.displayName : null;
    what = name ? <>renamed the conference to “{name}”</> : <>cleared the conference’s name</>;
  } else if ((action === "directory.create" || action === "directory.update") && e.number) {
    const given = givenName(e.params);
    what = (
      <>
        {failed ? "tried to name" : "named"} {formatNumber(e.number)}
        {given ? <> “{given}”</> : null}
      </>
    );
  } else if (action.startsWith("callout.")) {
    what = (
      <>
        {failed ? "tried to call" : "called"} {who(e)} ({actionLabel(action).toLowerCase()})
      </>
    );
  } else {
    what = actionLabel(action).toLowerCase();
  }
  return (
    <>
      {actor} {what}
      {e.reason && action === "participant.kick" ? (
        <span className="text-slate-500 dark:text-slate-400"> (“{e.reason}”)</span>
      ) : null}
      {undecided ? (
        <span className="text-amber-700 dark:text-amber-300">
          {" "}
          — {outcomeLabel(e.outcome ?? "").toLowerCase()}: Sinch has not confirmed
        </span>
      ) : failed ? (
        <span className="text-red-700 dark:text-red-300"> — failed{e.errorMessage ? `: ${e.errorMessage}` : ""}</span>
      ) : null}
    </>
  );
}

function EventIcon({ e }: { e: TimelineEvent }) {
  const cls = "size-4 shrink-0";
  if (e.kind === "join") return <LogIn aria-hidden className={cn(cls, "text-emerald-600 dark:text-emerald-400")} />;
  if (e.kind === "leave") {
    return e.actor || e.reason ? (
      <UserX aria-hidden className={cn(cls, "text-red-600 dark:text-red-400")} />
    ) : (
      <LogOut aria-hidden className={cn(cls, "text-slate-500 dark:text-slate-400")} />
    );
  }
  return e.outcome !== "succeeded" ? (
    <CircleAlert aria-hidden className={cn(cls, "text-red-600 dark:text-red-400")} />
  ) : (
    <Gavel aria-hidden className={cn(cls, "text-brand-600 dark:text-brand-100")} />
  );
}

const NO_EVENTS: TimelineEvent[] = [];

function EventLine({ e }: { e: TimelineEvent }) {
  return (
    <>
      <time
        dateTime={e.at}
        title={
          e.leftAfter
            ? `Gavel noticed the leave at ${formatDateTime(e.at)}; it happened after ${formatDateTime(e.leftAfter)}`
            : formatDateTime(e.at)
        }
        className="w-[6rem] shrink-0 whitespace-nowrap pt-px font-mono text-xs tabular-nums text-slate-500 dark:text-slate-400"
      >
        {formatTimeOfDay(e.at)}
      </time>
      <span className="pt-0.5">
        <EventIcon e={e} />
      </span>
      <span className="min-w-0 [overflow-wrap:anywhere] text-slate-800 dark:text-slate-200">{sentence(e)}</span>
    </>
  );
}

/**
 * The events, newest first, in a box that scrolls: only those in view (and a few
 * around them) are rendered, and only when the events change. The query keeps the
 * same array while a refresh brings nothing new (TanStack's structural sharing), so
 * the 5-second refresh and its spinner re-render nothing here.
 */
const TimelineEvents = memo(function TimelineEvents({ events }: { events: TimelineEvent[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Nothing memoises what the virtualiser returns: it is read during this render only.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 26,
    gap: 6,
    overscan: 8,
    getItemKey: (i) => events[i]?.id ?? i,
    // The box's height (max-h-96) before it is measured, so the first render shows events.
    initialRect: { width: 0, height: 384 },
  });
  return (
    <div ref={scrollRef} className="mt-2 max-h-96 overflow-y-auto pr-1">
      <ol aria-label="Timeline, newest first" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const e = events[item.index];
          if (!e) return null;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              aria-posinset={item.index + 1}
              aria-setsize={events.length}
              className="absolute left-0 top-0 flex w-full items-start gap-2.5 text-sm"
              style={{ transform: `translateY(${item.start}px)` }}
              data-testid="timeline-event"
              data-kind={e.kind}
            >
              <EventLine e={e} />
            </li>
          );
        })}
      </ol>
    </div>
  );
});

/**
 * A conference's timeline: who joined and left (recorded while Gavel polls it) and
 * what moderators did (from the audit trail), newest first, refreshed every 5
 * seconds while open; with the attendance CSV for those allowed to download it.
 */
export function ConferenceTimeline({ conferenceId }: { conferenceId: string }) {
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  const headingId = useId();
  const { data: session } = useSession();
  const mayDownload = can(session?.user.role, "attendance:read");
  const timeline = useTimeline(conferenceId, open);
  const events = timeline.data?.events ?? NO_EVENTS;

  const download = (
    <a
      href={attendanceCsvUrl(conferenceId)}
      download
      className={buttonVariants({ size: "sm", variant: "secondary" })}
      aria-disabled={mayDownload ? undefined : true}
      tabIndex={mayDownload ? undefined : -1}
      onClick={(ev) => {
        if (!mayDownload) ev.preventDefault();
      }}
    >
      <Download aria-hidden className="size-4" />
      Attendance CSV
    </a>
  );

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      data-testid="conference-timeline"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5">
        <h2 id={headingId} className="text-sm font-semibold">
          <Button
            variant="ghost"
            size="sm"
            className="-ml-2"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
            Timeline and attendance
            {timeline.isFetching && open ? <Spinner className="size-3.5 text-slate-400" /> : null}
          </Button>
        </h2>
        {session ? <Gated reason={mayDownload ? null : whyNot("attendance:read")}>{download}</Gated> : null}
      </div>
      {open ? (
        <div id={bodyId} className="border-t border-slate-200 px-4 py-3 dark:border-slate-800">
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Attendance is only recorded while Gavel is polling this conference (someone has it open).
            {timeline.data?.lastPolledAt ? <> Last seen {formatDateTime(timeline.data.lastPolledAt)}.</> : null}
          </p>
          <ListStates
            query={timeline}
            count={events.length}
            loading="Loading the timeline…"
            failed="Could not load the timeline"
            empty="Nothing recorded for this conference yet."
            className="py-3"
          >
            <TimelineEvents events={events} />
          </ListStates>
        </div>
      ) : null}
    </section>
  );
}
