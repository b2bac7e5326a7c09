/**
 * The home's list of conferences, searched and filtered in the database, so the home
 * stays quick with hundreds of rooms: by the conference's id or display name, and by
 * who was connected at Gavel's last look (their number's digits when the text is
 * written as a number, a callout's label, or the name of the directory contact holding
 * the number); and by what Gavel last saw (live, ended), pinned, or "mine" (rooms the
 * person acted on, from the audit trail). Pinned first, then the most recently seen. Storage is ./conferences.ts.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { foldForSearch } from "./contacts";
import { toConference, type Conference } from "./conferences";
import type { GavelDb, Tables } from "./index";
import type { ConferencesTable } from "./schema";

export const CONFERENCE_FILTERS = ["all", "live", "ended", "pinned", "mine"] as const;
export type ConferenceFilter = (typeof CONFERENCE_FILTERS)[number];

export interface ConferenceSearch {
  /** Text to find; blank finds everything. */
  text?: string;
  show?: ConferenceFilter;
  /** Whose "mine": the signed-in person's email, as the audit trail records it. */
  actorEmail?: string;
  limit?: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
function contains(ref: Expression<string | null>, text: string) {
  return sql<SqlBool>`${ref} like ${`%${likeEscape(text)}%`} escape '\\'`;
}

type Eb = ExpressionBuilder<Tables & { c: ConferencesTable }, "c">;

function textWhere(eb: Eb, text: string) {
  const lower = text.toLowerCase();
  const folded = foldForSearch(text);
  // A number is searched by its digits only when the text is written as a number:
  // "hm-k3x9-0816" is an id whose digits would otherwise match callers' numbers.
  const digits = /^[\d\s+().\-/]+$/.test(text) ? text.replace(/\D/g, "") : "";
  // Who was connected at Gavel's last look: attendance rows not closed yet.
  const connected = eb
    .selectFrom("attendance as a")
    .select("a.id")
    .whereRef("a.conference_id", "=", "c.conference_id")
    .where("a.left_at", "is", null);
  return eb.or([
    contains(sql`lower(c.conference_id)`, lower),
    contains(sql`lower(c.display_name)`, lower),
    eb.exists(connected.where(sql<SqlBool>`lower(a.label) like ${`%${likeEscape(lower)}%`} escape '\\'`)),
    // Three digits at least: "12" would match nearly every number.
    ...(digits.length >= 3 ? [eb.exists(connected.where((w) => contains(w.ref("a.number"), digits)))] : []),
    ...(folded.trim() !== ""
      ? [
          eb.exists(
            connected
              .innerJoin("contact_numbers as n", "n.number", "a.number")
              .innerJoin("contacts as k", "k.id", "n.contact_id")
              .where((w) => contains(w.ref("k.search_key"), folded.trim())),
          ),
        ]
      : []),
  ]);
}

function showWhere(eb: Eb, show: ConferenceFilter, actorEmail: string | undefined) {
  switch (show) {
    case "all":
      return sql<SqlBool>`1 = 1`;
    case "live":
      return eb.and([eb("c.last_polled_at", "is not", null), eb("c.last_participant_count", ">", 0)]);
    case "ended":
      return eb.and([eb("c.last_polled_at", "is not", null), eb("c.last_participant_count", "=", 0)]);
    case "pinned":
      return eb("c.pinned", "=", 1);
    case "mine":
      if (!actorEmail) return sql<SqlBool>`1 = 0`;
      // Through the audit trail's actor index, once, not once per conference.
      return eb(
        "c.conference_id",
        "in",
        eb
          .selectFrom("audit_log as l")
          .select("l.conference_id")
          .where("l.actor_email", "=", actorEmail)
          .where("l.conference_id", "is not", null)
          .$narrowType<{ conference_id: string }>(),
      );
  }
}

/** The conferences that match, pinned first then most recently seen, and how many Gavel knows in all. */
export async function searchConferences(
  db: GavelDb,
  search: ConferenceSearch = {},
): Promise<{ conferences: Conference[]; total: number }> {
  const text = search.text?.trim() ?? "";
  const show = search.show ?? "all";
  const limit = Math.max(1, search.limit ?? 500);
  const rows = await db.kysely
    .selectFrom("conferences as c")
    .selectAll("c")
    .where((eb) => eb.and([text ? textWhere(eb, text) : sql<SqlBool>`1 = 1`, showWhere(eb, show, search.actorEmail)]))
    .orderBy("c.pinned", "desc")
    .orderBy("c.last_seen_at", "desc")
    .orderBy("c.conference_id")
    .limit(limit)
    .execute();
  // Everything listed, and not cut by the limit: the rows are the total, no count needed.
  const everything = !text && show === "all" && rows.length < limit;
  const total = everything
    ? rows.length
    : Number(
        (
          await db.kysely
            .selectFrom("conferences")
            .select((eb) => eb.fn.countAll<number | string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
  return { conferences: rows.map(toConference), total };
}
