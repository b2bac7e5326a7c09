"use client";
import { useEffect, useMemo, useRef } from "react";
import { toast } from "sonner";
import { formatNumber } from "@/lib/conferences/format";
import {
  ACTION_NOUN,
  resolvedOf,
  sameCommand,
  type ResolvedCommand,
  type UnconfirmedItem,
} from "@/lib/conferences/client/outcomes";
import type { LiveSnapshot } from "@/lib/conferences/client/queries";
import type { LiveParticipant, MohClass } from "@/lib/conferences/types";
import type { ParticipantActions } from "./use-participant-actions";

/**
 * Resolutions this tab has already shown, by request id. Module-wide rather than
 * per mount: the server lists each resolution for a minute, and leaving the page
 * and coming back must not show it again.
 */
const shown = new Set<string>();

/** Someone's number as the page last knew it (a kicked row may be gone by then). */
function who(callId: string | null, clis: ReadonlyMap<string, string>): string {
  if (!callId) return "the participant";
  const cli = clis.get(callId);
  return cli ? formatNumber(cli) : callId;
}

/** The same command again, for "Try again"; null when it cannot be sent from here. */
function retryOf(
  r: ResolvedCommand,
  p: LiveParticipant | undefined,
  actions: ParticipantActions,
  moh: MohClass,
): (() => void) | null {
  if (!p) return null;
  switch (r.action) {
    case "mute":
      return () => actions.setMuted(p, true);
    case "unmute":
      return () => actions.setMuted(p, false);
    case "hold":
      return () => actions.hold(p, moh);
    case "resume":
      return () => actions.resume(p);
    case "kick":
      return () => actions.kick(p);
    case "kick_all":
      // Ending the meeting again asks first: the dialog is the way.
      return null;
  }
}

/**
 * What the moderator hears once Gavel resolves a command Sinch left unconfirmed:
 * for a command this page watched as unconfirmed, a failure is a toast with "Try
 * again", a confirmed kick a quiet success toast (its row is gone). Confirmed
 * rows carry a "Confirmed" badge (confirmedIds), and `announcement` is the newest
 * confirmation for a polite live region.
 */
export function useOutcomeNotices({
  live,
  unconfirmed,
  actions,
  moh,
}: {
  live: LiveSnapshot | undefined;
  unconfirmed: readonly UnconfirmedItem[];
  actions: ParticipantActions;
  moh: MohClass;
}): { confirmedIds: ReadonlySet<string>; announcement: string } {
  // What this page saw unconfirmed, and the numbers of the rows it saw.
  const watched = useRef<UnconfirmedItem[]>([]);
  const clis = useRef(new Map<string, string>());

  useEffect(() => {
    for (const p of live?.participants ?? []) clis.current.set(p.callId, p.cli);
    for (const item of unconfirmed) {
      const known = watched.current.some(
        (w) => w.requestId === item.requestId && w.callId === item.callId && w.action === item.action,
      );
      if (!known) watched.current.push(item);
    }
    for (const r of resolvedOf(live)) {
      if (shown.has(r.requestId)) continue;
      const index = watched.current.findIndex((item) => sameCommand(item, r));
      if (index < 0) continue;
      shown.add(r.requestId);
      watched.current.splice(index, 1);
      const name = who(r.callId, clis.current);
      if (r.outcome === "failed") {
        const p = live?.participants.find((x) => x.callId === r.callId);
        const retry = retryOf(r, p, actions, moh);
        toast.error(
          r.action === "kick_all"
            ? "Sinch did not end the meeting"
            : `Sinch did not apply ${ACTION_NOUN[r.action]} of ${name}`,
          {
            description: r.note,
            duration: 15_000,
            ...(retry ? { action: { label: "Try again", onClick: retry } } : {}),
          },
        );
      } else if (r.action === "kick") {
        toast.success(`Sinch confirmed: ${name} was removed from the call`);
      }
    }
  }, [live, unconfirmed, actions, moh]);

  const confirmedIds = useMemo(
    () =>
      new Set(
        resolvedOf(live)
          .filter((r) => r.outcome === "succeeded" && r.callId !== null)
          .map((r) => r.callId as string),
      ),
    [live],
  );
  const announcement = useMemo(() => {
    const last = resolvedOf(live)
      .filter((r) => r.outcome === "succeeded")
      .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))
      .at(-1);
    if (!last) return "";
    const p = live?.participants.find((x) => x.callId === last.callId);
    return `Sinch confirmed ${ACTION_NOUN[last.action]}${p ? ` of ${formatNumber(p.cli)}` : ""}.`;
  }, [live]);
  return { confirmedIds, announcement };
}
