/**
 * The directory as CSV: name, numbers (separated by "; "), organisation, notes, in
 * name order, with the audit CSV's protection against formulas (lib/audit/csv.ts).
 * The import reads this file back as it is. A HEAD exports (and records) nothing.
 */
import "server-only";
import { recordAudit, SUCCEEDED_LOCALLY, type AuditContext } from "../../audit/server/record";
import { csvFilename, csvResponse } from "../../audit/server/service";
import { CSV_BOM, csvRow } from "../../audit/csv";
import { db } from "../../db";
import { iterateContacts } from "../../db/contact-search";

export const DIRECTORY_CSV_HEADER = ["Name", "Numbers", "Organisation", "Notes"] as const;

async function directoryCsv(): Promise<string> {
  const parts = [CSV_BOM, csvRow(DIRECTORY_CSV_HEADER)];
  for await (const page of iterateContacts(await db())) {
    for (const c of page) parts.push(csvRow([c.name, c.numbers.join("; "), c.organisation, c.notes]));
  }
  return parts.join("");
}

export async function exportDirectoryCsv(ctx: AuditContext, head = false): Promise<Response> {
  const filename = csvFilename("gavel-directory");
  if (head) return csvResponse(null, filename);
  await recordAudit(ctx, { action: "directory.export" }, SUCCEEDED_LOCALLY);
  return csvResponse(await directoryCsv(), filename);
}
