/**
 * Labels for participants Gavel dialled in: the `custom` text of their callout,
 * looked up by callId in the callouts table (lib/db/callouts.ts).
 */
import "server-only";
import { calloutLabels } from "../../callouts/server/store";
import { log } from "../../log/logger";

export async function labelsFor(callIds: string[]): Promise<Map<string, string>> {
  try {
    return await calloutLabels(callIds);
  } catch (e) {
    // The live list matters more than its labels: show it without them.
    log("error", "callout_labels_failed", { error: String(e) });
    return new Map();
  }
}
