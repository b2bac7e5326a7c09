/**
 * Labels for participants Gavel dialled in: the `custom` text of their callout,
 * looked up by callId in the callouts table (lib/db/callouts.ts). Read straight from
 * the database, not through the callouts service, which itself reads the live list
 * (a callout is "joined" once its callId is in the room).
 */
import "server-only";
import { db } from "../../db";
import { labelsByCallId } from "../../db/callouts";

export async function labelsFor(callIds: readonly string[]): Promise<Map<string, string>> {
  if (callIds.length === 0) return new Map();
  return labelsByCallId(await db(), callIds);
}
