/**
 * The home's search and filter as the URL holds them (`/?q=board&show=live`), so a
 * reload or a shared link keeps them: read leniently (an unknown `show` is "all", a
 * long `q` is cut to the limit the API takes) and written back without defaults.
 * Pure and client-safe.
 */
import { CONFERENCE_FILTERS, CONFERENCE_SEARCH_MAX, type ConferenceFilter, type ConferenceListSearch } from "./types";

export const FILTER_LABELS: Record<ConferenceFilter, string> = {
  all: "All",
  live: "Live",
  ended: "Ended",
  pinned: "Pinned",
  mine: "Mine",
};

/** What each filter means, said where it is chosen. */
export const FILTER_HINTS: Record<ConferenceFilter, string> = {
  all: "Every conference Gavel has seen",
  live: "Someone was connected when Gavel last looked",
  ended: "Nobody was connected when Gavel last looked",
  pinned: "Pinned to the top of everyone's list",
  mine: "Conferences you acted on (from the audit trail)",
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

export function isConferenceFilter(v: unknown): v is ConferenceFilter {
  return typeof v === "string" && (CONFERENCE_FILTERS as readonly string[]).includes(v);
}

/** The search a URL's query asks for. */
export function readHomeSearch(params: Params): ConferenceListSearch {
  const q = (first(params, "q") ?? "").slice(0, CONFERENCE_SEARCH_MAX);
  const show = first(params, "show");
  return { q, show: isConferenceFilter(show) ? show : "all" };
}

/** The query string for a search ("" for everything): `q` as typed, `show` unless "all". */
export function homeSearchQuery(search: ConferenceListSearch): string {
  const out = new URLSearchParams();
  if (search.q.trim()) out.set("q", search.q);
  if (search.show !== "all") out.set("show", search.show);
  return out.toString();
}
