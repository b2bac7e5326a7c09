"use client";
import { useEffect } from "react";
import { useLivePollState, type LivePollState } from "@/lib/conferences/client/live-poll-state";
import { freshness, freshnessTitlePrefix, type Freshness } from "@/lib/conferences/freshness";
import { useNow } from "@/lib/ui/client/use-now";

/**
 * The list's freshness, re-computed every second: the age of the last list against a
 * ticking clock, so a poll stuck inside one slow request stops reading "Live" on time.
 * Only the components that call this re-render each second or on a poll's start and
 * answer (live-poll-state.ts), not the whole console. `pollIntervalMs` is the window
 * the list is read at now (slower while the tab is hidden: not "stale" for that).
 */
export function useFreshness(conferenceId: string, pollIntervalMs: number): Freshness & { poll: LivePollState } {
  const poll = useLivePollState(conferenceId);
  return { ...freshness({ ...poll, pollIntervalMs, now: useNow() }), poll };
}

/**
 * The tab says what the header says, for an operator with several conferences open:
 * "(6) Weekly sync · Gavel", with "Stale: " or "Waiting: " first while the list is not
 * live, and "+2 joined · " first for joins while the tab was hidden (until it is shown).
 * A component of its own so the per-second clock re-renders nothing else.
 */
export function ConsoleTabTitle({
  conferenceId,
  pollIntervalMs,
  count,
  name,
  joinedWhileHidden = 0,
}: {
  conferenceId: string;
  pollIntervalMs: number;
  count: number | null;
  name: string;
  joinedWhileHidden?: number;
}) {
  const f = useFreshness(conferenceId, pollIntervalMs);
  const prefix = freshnessTitlePrefix(f);
  const joined = joinedWhileHidden > 0 ? `+${joinedWhileHidden} joined · ` : "";
  const title = `${joined}${prefix}${count !== null ? `(${count}) ` : ""}${name} · Gavel`;
  // Set again on every list received: Next streams the page's own <title> in and
  // may write it after this page's first effect.
  useEffect(() => {
    document.title = title;
  }, [title, f.poll.receivedAt]);
  return null;
}
