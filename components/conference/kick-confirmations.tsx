"use client";
import { useState } from "react";
import { formatNumber } from "@/lib/conferences/format";
import type { LiveParticipant } from "@/lib/conferences/schemas";
import { participants as participantsText } from "./end-meeting";
import { KickDialog } from "./kick-dialog";

export interface KickRequests {
  /** The participant whose kick waits for confirmation. */
  target: LiveParticipant | null;
  /** A bulk kick waits for confirmation. */
  bulkOpen: boolean;
  /** Either confirmation is open (it owns the keyboard). */
  open: boolean;
  request(p: LiveParticipant): void;
  requestBulk(): void;
  closeOne(): void;
  closeBulk(): void;
}

/** Which kick waits for confirmation: one participant's, or the selection's. */
export function useKickRequests(): KickRequests {
  const [target, setTarget] = useState<LiveParticipant | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  return {
    target,
    bulkOpen,
    open: target !== null || bulkOpen,
    // A state setter is stable, so memoised rows that receive it stay memoised.
    request: setTarget,
    requestBulk: () => setBulkOpen(true),
    closeOne: () => setTarget(null),
    closeBulk: () => setBulkOpen(false),
  };
}

const strong = "font-medium text-slate-900 dark:text-slate-100";

/**
 * The two kick confirmations, naming who and from which conference: one
 * participant (from the row or "x"), and the selection (from the bulk bar).
 */
export function KickConfirmations({
  requests,
  conferenceName,
  selected,
  everyone,
  onKick,
  onBulkKick,
}: {
  requests: KickRequests;
  conferenceName: string;
  /** How many are selected, for the bulk kick. */
  selected: number;
  /** The selection is everyone in the room. */
  everyone: boolean;
  onKick: (p: LiveParticipant, reason: string | undefined) => void;
  onBulkKick: (reason: string | undefined) => void;
}) {
  const { target } = requests;
  return (
    <>
      <KickDialog
        open={target !== null}
        onOpenChange={(o) => {
          if (!o) requests.closeOne();
        }}
        title={target ? `Kick ${formatNumber(target.cli)}?` : "Kick?"}
        description={
          target ? (
            <>
              <span className={strong}>{formatNumber(target.cli)}</span> will be removed from{" "}
              <span className={strong}>{conferenceName}</span>: their call ends now.
            </>
          ) : null
        }
        confirmLabel="Kick"
        onConfirm={(reason) => {
          if (target) onKick(target, reason);
          requests.closeOne();
        }}
      />

      <KickDialog
        open={requests.bulkOpen}
        onOpenChange={(o) => {
          if (!o) requests.closeBulk();
        }}
        title={`Kick ${participantsText(selected)}?`}
        description={
          <>
            {everyone ? "Everyone" : participantsText(selected)} will be removed from{" "}
            <span className={strong}>{conferenceName}</span>: their calls end now.
          </>
        }
        confirmLabel={`Kick ${selected}`}
        onConfirm={(reason) => {
          requests.closeBulk();
          onBulkKick(reason);
        }}
      />
    </>
  );
}
