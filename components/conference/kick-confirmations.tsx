"use client";
/** The kick confirmations: loaded on demand (next/dynamic) when a kick is asked for. */
import { formatNumber } from "@/lib/conferences/format";
import type { LiveParticipant } from "@/lib/conferences/types";
import { participants as participantsText } from "./end-meeting";
import { KickDialog } from "./kick-dialog";
import type { KickRequests } from "./use-kick-requests";

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
