"use client";
import { CheckCircle2, CircleHelp, PhoneOff, TriangleAlert, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import dynamic from "next/dynamic";
import { DialogLoading } from "@/components/ui/dialog-loading";
import { toastError } from "@/components/ui/error-toast";
import { Gated } from "@/components/ui/gated";
import { can, whyNot, type Role } from "@/lib/auth/permissions";
import { formatNumber } from "@/lib/conferences/format";
import { useKickAll } from "@/lib/conferences/client/commands";
import type { AcceptedAt, ResolvedCommand } from "@/lib/conferences/client/outcomes";
import type { KickAllResponse } from "@/lib/conferences/types";
import { cn } from "@/lib/ui/cn";
import { participants } from "./participants-text";

/** What "End meeting" answered: who was removed, or 202 (Sinch did not say; Gavel checks the room). */
export type EndResult = KickAllResponse | AcceptedAt;

// The confirmation's code (Radix's dialog) loads when "End meeting" is pressed.
const EndMeetingConfirm = dynamic(() => import("./end-meeting-confirm").then((m) => m.EndMeetingConfirm), {
  loading: DialogLoading,
});

export { participants };

/**
 * "End meeting": removes everyone (admins only). The confirmation names the
 * conference and the live count, which keeps updating while it is open.
 */
export function EndMeeting({
  conferenceId,
  conferenceName,
  liveCount,
  role,
  onEnded,
}: {
  conferenceId: string;
  conferenceName: string;
  /** Participants connected now; null until the first poll answers. */
  liveCount: number | null;
  role: Role;
  onEnded: (result: EndResult) => void;
}) {
  const [open, setOpen] = useState(false);
  const kickAll = useKickAll(conferenceId);
  const reason = !can(role, "conference:end")
    ? whyNot("conference:end")
    : liveCount === null
      ? "Waiting for the participant list"
      : liveCount === 0
        ? "Nobody is connected"
        : null;
  const n = liveCount ?? 0;

  return (
    <>
      <Gated reason={reason}>
        <Button variant="danger" disabled={reason !== null || kickAll.isPending} onClick={() => setOpen(true)}>
          <PhoneOff aria-hidden className="size-4" />
          {kickAll.isPending ? "Ending…" : "End meeting"}
        </Button>
      </Gated>
      {open ? (
        <EndMeetingConfirm
          onOpenChange={setOpen}
          conferenceName={conferenceName}
          count={n}
          pending={kickAll.isPending}
          onConfirm={() => {
            kickAll.mutateAsync().then(
              (result) => {
                setOpen(false);
                onEnded(result);
              },
              (e: unknown) => {
                setOpen(false);
                toastError(`Could not end the meeting in ${conferenceName}`, e);
              },
            );
          }}
        />
      ) : null}
    </>
  );
}

/** Who "End meeting" removed, and anyone it could not; or that Gavel is still checking. */
export function KickAllSummary({
  result,
  resolution,
  stillConnected,
  onDismiss,
}: {
  result: EndResult;
  /** How Gavel resolved a 202, once it has. */
  resolution?: ResolvedCommand;
  /** Participants connected now (for a resolved 202). */
  stillConnected: number;
  onDismiss: () => void;
}) {
  if ("requestId" in result) {
    return <UncertainEnd resolution={resolution} stillConnected={stillConnected} onDismiss={onDismiss} />;
  }
  const clean = result.remaining.length === 0;
  return (
    <div
      role="status"
      data-testid="kick-all-summary"
      className={cn(
        "rounded-lg border px-3 py-2 text-sm",
        clean
          ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100"
          : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100",
      )}
    >
      <div className="flex items-start gap-2">
        {clean ? (
          <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
        ) : (
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" />
        )}
        <div className="min-w-0 flex-1">
          <p className="font-medium">
            Meeting ended: {participants(result.removed.length)} removed
            {clean ? "." : `, ${result.remaining.length} still connected.`}
          </p>
          {result.removed.length > 0 ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs underline-offset-2 hover:underline">Who was removed</summary>
              <ul className="mt-1 grid max-h-40 grid-cols-1 gap-x-6 overflow-y-auto font-mono text-xs sm:grid-cols-2 lg:grid-cols-3">
                {result.removed.map((r) => (
                  <li key={r.callId}>{formatNumber(r.cli)}</li>
                ))}
              </ul>
            </details>
          ) : null}
          {!clean ? (
            <p className="mt-1 text-xs">
              Still connected: {result.remaining.map((r) => formatNumber(r.cli)).join(", ")}. They are listed below;
              kick them one by one or try again.
            </p>
          ) : null}
        </div>
        <DismissSummary onDismiss={onDismiss} />
      </div>
    </div>
  );
}

const SUMMARY_TONE = {
  clean:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100",
  warn: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100",
  unsure: "border-slate-300 bg-slate-50 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100",
};

/**
 * "End meeting" answered 202: Sinch did not say whether it ended the meeting.
 * Gavel's reconciliation checks the room (empty → done) and the summary follows it.
 */
function UncertainEnd({
  resolution,
  stillConnected,
  onDismiss,
}: {
  resolution?: ResolvedCommand;
  stillConnected: number;
  onDismiss: () => void;
}) {
  const state = resolution?.outcome ?? "unknown";
  return (
    <div
      role="status"
      data-testid="kick-all-summary"
      data-outcome={state}
      className={cn(
        "rounded-lg border px-3 py-2 text-sm",
        state === "succeeded" ? SUMMARY_TONE.clean : state === "failed" ? SUMMARY_TONE.warn : SUMMARY_TONE.unsure,
      )}
    >
      <div className="flex items-start gap-2">
        {state === "succeeded" ? (
          <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
        ) : state === "failed" ? (
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" />
        ) : (
          <CircleHelp aria-hidden className="mt-0.5 size-4 shrink-0 text-slate-500 dark:text-slate-400" />
        )}
        <div className="min-w-0 flex-1">
          <p className="font-medium">
            {state === "succeeded"
              ? "Meeting ended: Sinch confirmed the room is empty."
              : state === "failed"
                ? `Sinch did not end the meeting: ${participants(stillConnected)} still connected.`
                : "Sinch has not confirmed yet; Gavel is checking the room."}
          </p>
          {resolution?.note ? <p className="mt-1 text-xs">{resolution.note}</p> : null}
        </div>
        <DismissSummary onDismiss={onDismiss} />
      </div>
    </div>
  );
}

function DismissSummary({ onDismiss }: { onDismiss: () => void }) {
  return (
    <Button size="icon" variant="ghost" aria-label="Dismiss summary" onClick={onDismiss} className="size-7">
      <X aria-hidden className="size-4" />
    </Button>
  );
}
