"use client";
import { CheckCircle2, PhoneOff, TriangleAlert, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toastError } from "@/components/ui/error-toast";
import { Gated } from "@/components/ui/gated";
import { can, whyNot, type Role } from "@/lib/auth/permissions";
import { formatNumber } from "@/lib/conferences/format";
import { useKickAll } from "@/lib/conferences/client/commands";
import type { KickAllResponse } from "@/lib/conferences/schemas";
import { cn } from "@/lib/ui/cn";

export function participants(n: number): string {
  return `${n} participant${n === 1 ? "" : "s"}`;
}

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
  onEnded: (result: KickAllResponse) => void;
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
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="End the meeting?"
        description={
          n === 0 ? (
            `Nobody is connected to ${conferenceName} any more.`
          ) : (
            <>
              Remove all {participants(n)} from{" "}
              <span className="font-medium text-slate-900 [overflow-wrap:anywhere] dark:text-slate-100">
                {conferenceName}
              </span>
              ?
            </>
          )
        }
        confirmLabel={kickAll.isPending ? "Ending…" : `Remove all ${n}`}
        busy={kickAll.isPending || n === 0}
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
      >
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every call is hung up at once. Gavel then checks that the room is empty and removes anyone still connected.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** Who "End meeting" removed, and anyone it could not. */
export function KickAllSummary({ result, onDismiss }: { result: KickAllResponse; onDismiss: () => void }) {
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
        <Button size="icon" variant="ghost" aria-label="Dismiss summary" onClick={onDismiss} className="size-7">
          <X aria-hidden className="size-4" />
        </Button>
      </div>
    </div>
  );
}
