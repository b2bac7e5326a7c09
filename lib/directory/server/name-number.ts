/**
 * The directory seen from a number: who holds it (the callout forms' label, the
 * row's naming form), and "Name this number" from a conference row, which moderators
 * may do too (directory:name-caller): rename the contact holding the number, or add a
 * contact with just that number. Audited as any directory change (directory.update
 * or directory.create, with `via: "conference row"`). The room it was named from
 * fetches its list again, so its rows carry the name at the next poll of every viewer.
 */
import "server-only";
import type { AuditContext } from "../../audit/server/record";
import { ApiError } from "../../api/errors";
import { normalisePhoneNumber } from "../../callouts/phone";
import { invalidateLive } from "../../conferences/server/live";
import { db } from "../../db";
import { createContact, getContact, numberHolders, updateContact } from "../../db/contacts";
import type { NameNumberBody, NameNumberResult, NumberLookup } from "../schemas";
import { defaultCountry } from "./inputs";
import { auditedChange, described, toView } from "./service";

function readNumber(written: string, field: string): string {
  const r = normalisePhoneNumber(written, defaultCountry());
  if (!r.ok) throw new ApiError("validation_failed", `${field}: ${r.message}`);
  return r.e164;
}

export async function lookupNumber(written: string): Promise<NumberLookup> {
  const number = readNumber(written, "number");
  const holder = (await numberHolders(await db(), [number])).get(number);
  return { number, contact: holder ? { id: holder.id, name: holder.name, organisation: holder.organisation } : null };
}

export async function nameNumber(
  ctx: AuditContext,
  body: Required<Pick<NameNumberBody, "number" | "name">> & {
    conferenceId?: string | undefined;
  },
): Promise<NameNumberResult> {
  const number = readNumber(body.number, "number");
  const name = body.name.trim();
  const database = await db();
  const via = { via: "conference row", ...(body.conferenceId ? { conferenceId: body.conferenceId } : {}) };
  const holder = (await numberHolders(database, [number])).get(number);
  let result: NameNumberResult;
  if (holder) {
    const before = await getContact(database, holder.id);
    if (!before) throw new ApiError("conflict", "The contact holding this number was just deleted; try again");
    const to = { ...before, name };
    const updated = await auditedChange(
      ctx,
      {
        action: "directory.update",
        targetNumber: number,
        conferenceId: body.conferenceId ?? null,
        params: { contactId: before.id, from: described(before), to: described(to), notesChanged: false, ...via },
      },
      () =>
        updateContact(database, before.id, {
          name,
          numbers: before.numbers,
          organisation: before.organisation,
          notes: before.notes,
        }),
    );
    result = { contact: toView(updated), created: false };
  } else {
    const input = { name, numbers: [number], organisation: null, notes: null };
    const created = await auditedChange(
      ctx,
      {
        action: "directory.create",
        targetNumber: number,
        conferenceId: body.conferenceId ?? null,
        params: { ...described(input), ...via },
      },
      () => createContact(database, input),
      (c) => ({ contactId: c.id, ...described(c), ...via }),
    );
    result = { contact: toView(created), created: true };
  }
  // Labels are read once per fetch: the room's next poll fetches again, with the name.
  if (body.conferenceId) invalidateLive(body.conferenceId);
  return result;
}
