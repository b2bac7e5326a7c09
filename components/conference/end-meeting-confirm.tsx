"use client";
/** "End the meeting?": the confirmation of end-meeting.tsx, loaded when it is asked for. */
import { ConfirmDialog } from "@/components/ui/dialog";
import { participants } from "./participants-text";

export function EndMeetingConfirm({
  onOpenChange,
  conferenceName,
  count: n,
  pending,
  onConfirm,
}: {
  onOpenChange: (open: boolean) => void;
  conferenceName: string;
  /** Participants connected now (keeps updating while the confirmation is open). */
  count: number;
  pending: boolean;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      open
      onOpenChange={onOpenChange}
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
      confirmLabel={pending ? "Ending…" : `Remove all ${n}`}
      busy={pending || n === 0}
      onConfirm={onConfirm}
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Every call is hung up at once. Gavel then checks that the room is empty and removes anyone still connected.
      </p>
    </ConfirmDialog>
  );
}
