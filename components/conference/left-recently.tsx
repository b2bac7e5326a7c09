"use client";
/**
 * "Left recently": who left the conference in the last ten minutes, when, how long
 * they stayed and why if Gavel knows, from Gavel's attendance records (so a page
 * opened now shows leaves from before it was opened), with "Dial again" for those
 * who may place callouts, and this user's join-and-leave cues (presence-alerts.tsx).
 */
import { LogOut, PhoneCall } from "lucide-react";
import { memo, useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toastError } from "@/components/ui/error-toast";
import { Panel } from "@/components/ui/panel";
import { Spinner } from "@/components/ui/spinner";
import { useRecentLeaves } from "@/lib/attendance/client/queries";
import { dialableNumber, leaveReason, leftText, stayText, stillRecent } from "@/lib/attendance/recent-leaves";
import { RECENT_LEAVES_WINDOW_MS, type RecentLeave } from "@/lib/attendance/schemas";
import { newIdempotencyKey, usePlaceCallout } from "@/lib/callouts/client/queries";
import { formatNumber } from "@/lib/conferences/format";
import { useNow } from "@/lib/ui/client/use-now";
import { cn } from "@/lib/ui/cn";
import type { ReactNode } from "react";

/** The first few are shown; the rest behind "Show all". */
const SHOWN = 5;

function DialAgain({ conferenceId, leave, who }: { conferenceId: string; leave: RecentLeave; who: string }) {
  const place = usePlaceCallout();
  return (
    <Button
      size="sm"
      variant="secondary"
      aria-label={`Dial ${who} again`}
      title="Dial again"
      disabled={place.isPending}
      onClick={() =>
        place.mutate(
          {
            input: {
              type: "conference",
              conferenceId,
              destination: { type: "number", endpoint: leave.number },
              ...(leave.label ? { label: leave.label } : {}),
            },
            idempotencyKey: newIdempotencyKey(),
          },
          {
            onSuccess: () => toast.success(`Calling ${who} back into the conference`),
            onError: (e) => toastError(`Could not call ${who}`, e),
          },
        )
      }
    >
      {place.isPending ? <Spinner /> : <PhoneCall aria-hidden className="size-3.5" />}
      {/* On a phone the icon alone, so the number keeps its line (the label names it). */}
      <span className="hidden sm:inline">Dial again</span>
    </Button>
  );
}

function LeaveItem({
  conferenceId,
  leave,
  now,
  back,
  canPlace,
}: {
  conferenceId: string;
  leave: RecentLeave;
  now: number;
  back: boolean;
  canPlace: boolean;
}) {
  const number = formatNumber(leave.number);
  const who = leave.label?.trim() || number;
  const reason = leaveReason(leave);
  return (
    <li
      data-testid="left-recently-item"
      data-call-id={leave.callId}
      data-reason={reason?.kind}
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 px-3 py-2 last:border-b-0 dark:border-slate-800"
    >
      <span
        aria-hidden
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400"
      >
        <LogOut className="size-4" />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex min-w-0 flex-wrap items-baseline gap-x-2">
          <span className="truncate font-medium text-slate-900 dark:text-slate-50">{who}</span>
          {leave.label ? (
            <span className="whitespace-nowrap text-xs tabular-nums text-slate-500 dark:text-slate-400">{number}</span>
          ) : null}
          {back ? (
            <Badge tone="success" data-testid="left-recently-back">
              Back in the room
            </Badge>
          ) : null}
        </div>
        <div className="text-xs text-slate-600 dark:text-slate-400">
          <span className="tabular-nums">{now ? leftText(leave, now) : null}</span>
          <span aria-hidden> · </span>
          <span className="tabular-nums">{stayText(leave)}</span>
        </div>
        {reason ? (
          <div
            data-testid="left-recently-reason"
            title={reason.source}
            className={cn(
              "text-xs",
              reason.kind === "kick" ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-300",
            )}
          >
            {reason.text}
          </div>
        ) : null}
      </div>
      {canPlace && !back && dialableNumber(leave.number) ? (
        <DialAgain conferenceId={conferenceId} leave={leave} who={who} />
      ) : null}
    </li>
  );
}

export const LeftRecently = memo(function LeftRecently({
  conferenceId,
  canPlace,
  presentNumbers,
  alerts,
}: {
  conferenceId: string;
  canPlace: boolean;
  /** Numbers connected now (one string, NUL-separated, so it compares by value): who is back. */
  presentNumbers: string;
  /** The join-and-leave cue toggles. */
  alerts: ReactNode;
}) {
  const headingId = useId();
  const [all, setAll] = useState(false);
  const now = useNow();
  const recent = useRecentLeaves(conferenceId);
  const fromServer = recent.data?.leaves ?? [];
  // Before the clock's first tick (0) the server's list is taken as it is.
  const leaves = now ? stillRecent(fromServer, now, RECENT_LEAVES_WINDOW_MS) : fromServer;
  // Once per change of who is connected, not on every tick of the clock (a 500-number split).
  const present = useMemo(() => new Set(presentNumbers.split("\u0000")), [presentNumbers]);
  const shown = all ? leaves : leaves.slice(0, SHOWN);

  return (
    <Panel labelledBy={headingId} testId="left-recently">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-2">
        <h2 id={headingId} className="text-sm font-semibold">
          Left recently
        </h2>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {leaves.length > 0 ? `${leaves.length} in the last 10 minutes` : "Nobody left in the last 10 minutes"}
        </span>
        <div className="ml-auto">{alerts}</div>
      </div>
      {recent.error && !recent.data ? (
        <p className="border-t border-slate-200 px-3 py-2 text-xs text-red-700 dark:border-slate-800 dark:text-red-300">
          Could not read who left: {recent.error.message}
        </p>
      ) : null}
      {leaves.length > 0 ? (
        <ul aria-label="Left recently" className="border-t border-slate-200 dark:border-slate-800">
          {shown.map((l) => (
            <LeaveItem
              key={l.id}
              conferenceId={conferenceId}
              leave={l}
              now={now}
              back={present.has(l.number)}
              canPlace={canPlace}
            />
          ))}
        </ul>
      ) : null}
      {leaves.length > SHOWN ? (
        <div className="border-t border-slate-200 px-3 py-1.5 dark:border-slate-800">
          <Button size="sm" variant="ghost" onClick={() => setAll((v) => !v)} aria-expanded={all}>
            {all ? "Show fewer" : `Show all ${leaves.length}`}
          </Button>
        </div>
      ) : null}
    </Panel>
  );
});
