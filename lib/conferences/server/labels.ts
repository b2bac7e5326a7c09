/**
 * What a live list says about who each participant is, attached once per fetch (not
 * once per viewer): the `custom` text of Gavel's own callouts, looked up by callId
 * in the callouts table (lib/db/callouts.ts), and the name of the directory contact
 * holding each number (lib/db/contacts.ts contactsByNumber), one query for the whole
 * list. Read straight from the database, not through the callouts service, which
 * itself reads the live list (a callout is "joined" once its callId is in the room).
 *
 * A row shows the contact's name first, else the callout's label, else the number.
 */
import "server-only";
import { db } from "../../db";
import { labelsByCallId } from "../../db/callouts";
import { contactsByNumber } from "../../db/contacts";
import { log } from "../../log/logger";

export async function labelsFor(callIds: readonly string[]): Promise<Map<string, string>> {
  if (callIds.length === 0) return new Map();
  return labelsByCallId(await db(), callIds);
}

/**
 * The participants with `name` set from the directory (null where no contact holds
 * the number): one query however long the list. The live list matters more than its
 * names: when the directory cannot be read, the list comes back without them.
 */
export async function withDirectoryNames<P extends { cli: string }>(
  participants: readonly P[],
): Promise<(P & { name: string | null })[]> {
  if (participants.length === 0) return [];
  let names = new Map<string, { name: string }>();
  try {
    names = await contactsByNumber(
      await db(),
      participants.map((p) => p.cli),
    );
  } catch (e) {
    log("error", "live_names_failed", { error: String(e) });
  }
  return participants.map((p) => ({ ...p, name: names.get(p.cli)?.name ?? null }));
}
