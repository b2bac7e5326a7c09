"use client";
import { useEffect } from "react";
import { freshness, freshnessTitlePrefix, type Freshness, type FreshnessInput } from "@/lib/conferences/freshness";
import { useNow } from "@/lib/ui/client/use-now";

export type PollState = Omit<FreshnessInput, "now">;

/**
 * The list's freshness, re-computed every second: the age of the last list against a
 * ticking clock, so a poll stuck inside one slow request stops reading "Live" on time.
 * Only the components that call this re-render each second, not the whole console.
 */
export function useFreshness(poll: PollState): Freshness {
  return freshness({ ...poll, now: useNow() });
}

/**
 * The tab says what the header says, for an operator with several conferences open:
 * "(6) Weekly sync · Gavel", with "Stale: " or "Waiting: " first while the list is not
 * live, and "+2 joined · " first for joins while the tab was hidden (until it is shown).
 * A component of its own so the per-second clock re-renders nothing else.
 */
export function ConsoleTabTitle({
  poll,
  count,
  name,
  joinedWhileHidden = 0,
}: {
  poll: PollState;
  count: number | null;
  name: string;
  joinedWhileHidden?: number;
}) {
  const prefix = freshnessTitlePrefix(useFreshness(poll));
  const joined = joinedWhileHidden > 0 ? `+${joinedWhileHidden} joined · ` : "";
  const title = `${joined}${prefix}${count !== null ? `(${count}) ` : ""}${name} · Gavel`;
  // Set again on every list received: Next streams the page's own <title> in and
  // may write it after this page's first effect.
  useEffect(() => {
    document.title = title;
  }, [title, poll.receivedAt]);
  return null;
}
