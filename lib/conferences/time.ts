/** Durations and ages as the console shows them. Client-safe. */

/** A call's duration: "04:07", or "1:02:09" from an hour on. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(sec).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** How long ago something happened: "just now", "4 s ago", "2 min ago", "3 h ago", "5 d ago". */
export function formatAgo(thenMs: number, nowMs: number): string {
  const s = Math.floor(Math.max(0, nowMs - thenMs) / 1000);
  if (s < 1) return "just now";
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
