"use client";
/**
 * The conference page's view of Gavel's own callouts into it: a "ghost row" for each
 * callee who is being called but is not in the room yet (or whose call did not
 * connect, with a Retry), and the "Dial in" button. Self-contained: the conference
 * page passes the callIds it shows, so a callout's ghost row gives way to the real
 * participant row (which carries the callout's label) the moment it appears there.
 */
import { PhoneCall, PhoneOutgoing, X } from "lucide-react";
import { useMemo, useState } from "react";
import { useSession } from "next-auth/react";
import { Button } from "@/components/ui/button";
import dynamic from "next/dynamic";
import { DialogLoading } from "@/components/ui/dialog-loading";
import { Gated } from "@/components/ui/gated";
import { whyNot, type Role } from "@/lib/auth/permissions";
import { useCalloutSettings, useConferenceCallouts } from "@/lib/callouts/client/queries";
import { ghostCallouts } from "@/lib/callouts/ghost-rows";
import type { CalloutSettings, CalloutView } from "@/lib/callouts/types";
import { formatAgo } from "@/lib/conferences/time";
import { useNow } from "@/lib/ui/client/use-now";
import { mayHaveBeenPlaced } from "@/lib/callouts/client/outcomes";
import { destinationText, RetryButton } from "./retry-button";
import { CalloutStateBadge, outcomeText, SinchResult } from "./callout-state";

// The form (and the phone-number parsing it validates with) loads when "Dial in" is pressed.
const DialInDialog = dynamic(() => import("./dial-in-dialog").then((m) => m.DialInDialog), {
  loading: DialogLoading,
});

const NOT_CONNECTED = new Set(["busy", "no_answer", "failed"]);

function GhostRow({
  c,
  now,
  canPlace,
  role,
  onDismiss,
}: {
  c: CalloutView;
  now: number;
  canPlace: boolean;
  role: Role | undefined;
  onDismiss: () => void;
}) {
  const who = destinationText(c);
  const failed = NOT_CONNECTED.has(c.state) || c.state === "ended";
  // Sinch did not say whether it placed the call: not failed, and Retry asks first.
  const unknown = mayHaveBeenPlaced(c);
  return (
    <li
      data-testid="dialing-row"
      data-state={c.state}
      data-call-id={c.callId ?? undefined}
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-dashed border-slate-200 bg-slate-50/60 px-3 py-2 last:border-b-0 dark:border-slate-800 dark:bg-slate-900/40"
    >
      <span
        aria-hidden
        className="flex size-8 shrink-0 items-center justify-center rounded-full border border-dashed border-slate-300 text-slate-400 dark:border-slate-600"
      >
        {failed ? <PhoneOutgoing className="size-4" /> : <PhoneCall className="size-4 animate-pulse" />}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5">
          <span className="whitespace-nowrap font-medium tabular-nums text-slate-700 dark:text-slate-200">{who}</span>
          <CalloutStateBadge state={c.state} />
        </div>
        <div className="flex flex-wrap items-center gap-x-2 text-xs text-slate-500 dark:text-slate-400">
          {c.label ? <span className="truncate font-medium text-slate-600 dark:text-slate-300">{c.label}</span> : null}
          <span className={failed ? "text-red-700 dark:text-red-300" : undefined}>{outcomeText(c)}</span>
          <SinchResult c={c} />
          {now ? <span className="tabular-nums">{formatAgo(Date.parse(c.createdAt), now)}</span> : null}
        </div>
      </div>
      {c.final || unknown ? (
        <div className="flex items-center gap-1">
          {NOT_CONNECTED.has(c.state) || unknown ? (
            canPlace && role ? (
              <RetryButton callout={c} role={role} />
            ) : (
              <Gated reason={whyNot("callout:place")}>
                <Button size="sm" disabled>
                  Retry
                </Button>
              </Gated>
            )
          ) : null}
          <Button size="icon" variant="ghost" aria-label={`Dismiss ${who}`} onClick={onDismiss}>
            <X aria-hidden className="size-4" />
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/**
 * Ghost rows for the callouts into `conferenceId` whose callee is not (yet) among
 * `participantsCallIds`: dialing, answered, or how the call ended (for ten minutes,
 * with Retry when it did not connect and `canPlace`). Renders nothing when there
 * are none.
 */
export function DialingRows({
  conferenceId,
  participantsCallIds,
  canPlace,
}: {
  conferenceId: string;
  participantsCallIds: readonly string[];
  canPlace: boolean;
}) {
  const callouts = useConferenceCallouts(conferenceId);
  const now = useNow();
  const { data: session } = useSession();
  const role = session?.user?.role ?? undefined;
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const inRoom = useMemo(() => new Set(participantsCallIds), [participantsCallIds]);
  const rows = useMemo(
    () => ghostCallouts(callouts.data ?? [], inRoom, now, dismissed),
    [callouts.data, inRoom, now, dismissed],
  );
  if (rows.length === 0) return null;
  return (
    <ul aria-label="Being called" className="border-b border-slate-200 dark:border-slate-800">
      {rows.map((c) => (
        <GhostRow
          key={c.id}
          c={c}
          now={now}
          canPlace={canPlace}
          role={role}
          onDismiss={() => setDismissed((d) => new Set(d).add(c.id))}
        />
      ))}
    </ul>
  );
}

/** "Dial in": the conference callout form in a dialog, with this conference filled in. */
export function DialInButton({
  conferenceId,
  disabledReason,
  settings,
}: {
  conferenceId: string;
  /** Why this person may not place callouts (whyNot("callout:place")), or null. */
  disabledReason: string | null;
  /** The caller IDs and default country, when the page has them; otherwise fetched on open. */
  settings?: CalloutSettings;
}) {
  const [open, setOpen] = useState(false);
  const fetched = useCalloutSettings(open && settings === undefined && disabledReason === null);
  const formSettings = settings ?? fetched.data;
  return (
    <>
      <Gated reason={disabledReason}>
        <Button variant="secondary" disabled={disabledReason !== null} onClick={() => setOpen(true)}>
          <PhoneOutgoing aria-hidden className="size-4" />
          Dial in
        </Button>
      </Gated>
      {open ? (
        <DialInDialog
          conferenceId={conferenceId}
          onOpenChange={setOpen}
          settings={formSettings}
          error={fetched.error}
        />
      ) : null}
    </>
  );
}
