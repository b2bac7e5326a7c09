"use client";
import { formatDuration } from "@/lib/conferences/time";
import { useNow } from "@/lib/ui/client/use-now";

/**
 * A call's duration, ticking every second between polls: Sinch's value at the
 * last poll plus the time since this browser received it.
 */
export function LiveDuration({ seconds, since }: { seconds: number; since: number }) {
  const now = useNow();
  const elapsed = now > since ? Math.floor((now - since) / 1000) : 0;
  return <span className="font-mono tabular-nums">{formatDuration(seconds + elapsed)}</span>;
}
