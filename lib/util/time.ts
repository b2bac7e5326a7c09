/**
 * Moments as Gavel writes them: ISO 8601 on the wire, and the browser's own locale
 * and zone on screen. Client-safe (no Node APIs), so server views and components share it.
 */

/** Epoch milliseconds as an ISO 8601 string, the form every API view uses; null stays null. */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** A moment with its date, in the reader's locale and zone: "28 Nov 2026, 16:04:05", or "…, 16:04" to the minute. */
export function formatDateTime(at: string | number, precision: "seconds" | "minutes" = "seconds"): string {
  return new Date(at).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: precision === "seconds" ? "medium" : "short",
  });
}

/** Only the time of day, to the second, for lists within one day: "16:04:05". */
export function formatTimeOfDay(at: string | number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** Epoch ms → the value an <input type="datetime-local"> shows, in the reader's zone ("" for none). */
export function toDateTimeLocal(ms: number | undefined): string {
  if (ms === undefined) return "";
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A datetime-local value (the reader's zone) → epoch ms; undefined when empty or not a
 * date. `endOfMinute` makes "to 16:00" include 16:00:59.999, as a person means it.
 */
export function fromDateTimeLocal(value: string, endOfMinute = false): number | undefined {
  if (!value) return undefined;
  const t = new Date(value).getTime();
  if (Number.isNaN(t)) return undefined;
  return endOfMinute && t % 60_000 === 0 ? t + 59_999 : t;
}
