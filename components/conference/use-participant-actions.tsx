"use client";
import { useMemo } from "react";
import { toast } from "sonner";
import { toastError } from "@/components/ui/error-toast";
import { commandOf } from "@/lib/conferences/actions";
import { formatNumber } from "@/lib/conferences/format";
import { MOH_LABELS } from "@/lib/conferences/client/hold-music";
import { useKick, useParticipantCommand } from "@/lib/conferences/client/commands";
import { isAccepted } from "@/lib/conferences/client/outcomes";
import type { LiveParticipant, MohClass } from "@/lib/conferences/types";

export interface ParticipantActions {
  setMuted(p: LiveParticipant, muted: boolean): void;
  hold(p: LiveParticipant, moh: MohClass): void;
  resume(p: LiveParticipant): void;
  kick(p: LiveParticipant, reason?: string): void;
}

/**
 * One participant's commands with this screen's side effects (an error toast with
 * the server's sentence and request id; a confirmation for a kick).
 *
 * mutateAsync rather than mutate(vars, { onError }): mutate's per-call callbacks
 * fire only for the latest call of an observer, so when two rows are clicked in
 * quick succession the first one's failure would go unreported. A 202 (outcome
 * unknown) is no failure: the row says so, and use-outcome-notices tells the result. The cache work
 * (optimistic update, rollback, refetch) lives in the hooks and runs either way.
 */
export function useParticipantActions(conferenceId: string): ParticipantActions {
  const command = useParticipantCommand(conferenceId).mutateAsync;
  const kick = useKick(conferenceId).mutateAsync;
  return useMemo(
    () => ({
      setMuted(p, muted) {
        command({ callId: p.callId, command: muted ? "mute" : "unmute" }).catch((e: unknown) =>
          toastError(`Could not ${muted ? "mute" : "unmute"} ${formatNumber(p.cli)}`, e),
        );
      },
      hold(p, moh) {
        command({ callId: p.callId, command: commandOf("hold"), moh }).catch((e: unknown) =>
          toastError(`Could not put ${formatNumber(p.cli)} on hold (${MOH_LABELS[moh]})`, e),
        );
      },
      resume(p) {
        command({ callId: p.callId, command: "resume" }).catch((e: unknown) =>
          toastError(`Could not resume ${formatNumber(p.cli)}`, e),
        );
      },
      kick(p, reason) {
        kick({ callId: p.callId, reason }).then(
          // 202: Sinch did not say; the row shows "Not confirmed yet" until Gavel knows.
          (answer) => {
            if (!isAccepted(answer)) toast.success(`Removed ${formatNumber(p.cli)} from the call`);
          },
          (e: unknown) => toastError(`Could not kick ${formatNumber(p.cli)}`, e),
        );
      },
    }),
    [command, kick],
  );
}
