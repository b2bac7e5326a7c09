/**
 * The directory for the API routes: each change written to the audit trail before
 * it is made (outcome pending) and completed after (succeeded, or failed with the
 * reason), the import's preview and commit, and `contactsByNumber` for the places a
 * number is shown.
 */
import "server-only";
import { beginAudit, type AuditContext, type AuditSubject } from "../../audit/server/record";
import { toApiError } from "../../api/map-error";
import { ApiError } from "../../api/errors";
import { normalisePhoneNumber } from "../../callouts/phone";
import { db } from "../../db";
import {
  contactsByNumber as contactsByNumberIn,
  createContact,
  deleteContact,
  getContact,
  insertContacts,
  numberHolders,
  updateContact,
  type Contact,
  type ContactSummary,
} from "../../db/contacts";
import { listContacts } from "../../db/contact-search";
import { NotFoundError } from "../../db/errors";
import { DIRECTORY_IMPORT_MAX_ROWS } from "../../vocabulary/directory";
import { checkImportRows, parseContactsCsv, readableNumbers, type ImportLine } from "../import";
import type {
  ContactView,
  DirectoryListQuery,
  DirectoryListResponse,
  ImportPreview,
  ImportResult,
  ParsedContactBody,
} from "../schemas";
import type { ImportLineView } from "../types";
import { defaultCountry, readContact } from "./inputs";

export function toView(c: Contact): ContactView {
  return {
    id: c.id,
    name: c.name,
    numbers: c.numbers,
    organisation: c.organisation,
    notes: c.notes,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}

const NO_SINCH = { httpStatus: null, sinchErrorCode: null, sinchReference: null, latencyMs: null };

/** Writes the entry (pending), runs the change, completes the entry with its outcome. */
export async function auditedChange<T>(
  ctx: AuditContext,
  subject: AuditSubject,
  run: () => Promise<T>,
  finalParams?: (result: T) => Record<string, unknown>,
): Promise<T> {
  const handle = await beginAudit(ctx, subject);
  let result: T;
  try {
    result = await run();
  } catch (e) {
    await handle.complete({ ...NO_SINCH, outcome: "failed", errorMessage: toApiError(e).message });
    throw e;
  }
  // Outside the try: a failed audit write must not be recorded as a failed change.
  await handle.complete({
    ...NO_SINCH,
    outcome: "succeeded",
    errorMessage: null,
    ...(finalParams ? { params: finalParams(result) } : {}),
  });
  return result;
}

/**
 * A search's words (each must be in the name or organisation) or, for text that looks
 * like a number, its digits and the number read in the default country ("020 7946
 * 0486" finds +442079460486); a contact matching either is listed.
 */
function searchOf(q: string | undefined) {
  const text = q?.trim() ?? "";
  if (text === "") return {};
  const numberDigits: string[] = [];
  const digits = text.replace(/\D/g, "");
  if (digits.length >= 3 && /^[\d\s+()./-]+$/.test(text)) {
    numberDigits.push(digits);
    const read = normalisePhoneNumber(text, defaultCountry());
    if (read.ok) numberDigits.push(read.e164.slice(1));
  }
  return { words: text.split(/\s+/), numberDigits };
}

export async function listDirectory(query: DirectoryListQuery): Promise<DirectoryListResponse> {
  const { contacts, total } = await listContacts(await db(), {
    ...searchOf(query.q),
    offset: query.offset,
    limit: query.limit,
  });
  return { contacts: contacts.map(toView), total, offset: query.offset, limit: query.limit };
}

export async function getDirectoryContact(id: string): Promise<ContactView> {
  const c = await getContact(await db(), id);
  if (!c) throw new NotFoundError("contact", id);
  return toView(c);
}

export const described = (c: { name: string; numbers: readonly string[]; organisation: string | null }) => ({
  name: c.name,
  numbers: c.numbers,
  organisation: c.organisation,
});

export async function createDirectoryContact(ctx: AuditContext, body: ParsedContactBody): Promise<ContactView> {
  const input = readContact(body);
  const created = await auditedChange(
    ctx,
    { action: "directory.create", targetNumber: input.numbers[0] ?? null, params: described(input) },
    async () => createContact(await db(), input),
    (c) => ({ contactId: c.id, ...described(c) }),
  );
  return toView(created);
}

export async function updateDirectoryContact(
  ctx: AuditContext,
  id: string,
  body: ParsedContactBody,
): Promise<ContactView> {
  const input = readContact(body);
  const database = await db();
  const before = await getContact(database, id);
  const updated = await auditedChange(
    ctx,
    {
      action: "directory.update",
      targetNumber: input.numbers[0] ?? null,
      params: {
        contactId: id,
        from: before ? described(before) : null,
        to: described(input),
        notesChanged: (before?.notes ?? null) !== input.notes,
      },
    },
    () => updateContact(database, id, input),
  );
  return toView(updated);
}

export async function deleteDirectoryContact(ctx: AuditContext, id: string): Promise<{ deleted: true }> {
  const database = await db();
  const before = await getContact(database, id);
  await auditedChange(
    ctx,
    {
      action: "directory.delete",
      targetNumber: before?.numbers[0] ?? null,
      params: { contactId: id, ...(before ? described(before) : {}) },
    },
    () => deleteContact(database, id),
  );
  return { deleted: true };
}

function lineView(l: ImportLine): ImportLineView {
  return { line: l.line, name: l.name, numbers: l.numbers, organisation: l.organisation, ok: l.ok, errors: l.errors };
}

/** Every line of the text checked against the rules and the directory as it is now. */
async function checkImport(text: string): Promise<{ lines: ImportLine[]; header: boolean }> {
  const { rows, header } = parseContactsCsv(text);
  if (rows.length === 0) throw new ApiError("validation_failed", "text: no contacts found in the text");
  if (rows.length > DIRECTORY_IMPORT_MAX_ROWS) {
    throw new ApiError(
      "validation_failed",
      `text: ${rows.length} contacts; at most ${DIRECTORY_IMPORT_MAX_ROWS} can be imported at once`,
    );
  }
  const country = defaultCountry();
  const holders = await numberHolders(await db(), readableNumbers(rows, country));
  return { lines: checkImportRows(rows, country, holders), header };
}

export async function previewImport(text: string): Promise<ImportPreview> {
  const { lines, header } = await checkImport(text);
  const valid = lines.filter((l) => l.ok).length;
  return { lines: lines.map(lineView), valid, invalid: lines.length - valid, header };
}

/** Imports the good lines (checked again now), in one transaction; the bad ones are answered with their reasons. */
export async function commitImport(ctx: AuditContext, text: string): Promise<ImportResult> {
  const { lines } = await checkImport(text);
  const good = lines.filter((l) => l.ok);
  const skipped = lines.filter((l) => !l.ok).map(lineView);
  if (good.length === 0) {
    throw new ApiError("validation_failed", "text: none of the lines can be imported; see the preview", {
      lines: skipped,
    });
  }
  const imported = await auditedChange(
    ctx,
    { action: "directory.import", params: { lines: lines.length, good: good.length, skipped: skipped.length } },
    async () =>
      insertContacts(
        await db(),
        good.map((l) => ({ name: l.name, numbers: l.numbers, organisation: l.organisation, notes: l.notes })),
      ),
    (n) => ({ lines: lines.length, imported: n, skippedLines: skipped.map((s) => s.line) }),
  );
  return { imported, skipped };
}

/**
 * Who each number belongs to, for the places a number is shown (participant rows,
 * the timeline, the audit trail): one query for many numbers.
 */
export async function contactsByNumber(numbers: readonly string[]): Promise<Map<string, ContactSummary>> {
  if (numbers.length === 0) return new Map();
  return contactsByNumberIn(await db(), numbers);
}
