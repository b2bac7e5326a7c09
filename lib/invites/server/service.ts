/**
 * A conference's invite list for the API routes: the list with the directory's names
 * and what attendance saw, adding (pasted lines read one by one, each bad line named)
 * and removing, each change audited; and "Dial everyone missing", which asks Sinch who
 * is in the room now and dials, as one dial list, the confirmed invitees still missing.
 */
import "server-only";
import { ApiError } from "../../api/errors";
import type { AuditContext } from "../../audit/server/record";
import { checkDialList, parseDialList, type DialListLine } from "../../callouts/dial-list";
import { normalisePhoneNumber } from "../../callouts/phone";
import { calloutSettings } from "../../callouts/server/inputs";
import { db, type GavelDb } from "../../db";
import { numberHolders, numbersOf } from "../../db/contacts";
import { addInvites, listInvites, removeInvites, seenNumbers, TooManyInvitesError } from "../../db/invites";
import { auditedChange } from "../../directory/server/service";
import { iso } from "../../util/time";
import { INVITE_LABEL_MAX, INVITES_MAX } from "../../vocabulary/invites";
import type { AddInvitesResult, InviteLineError, InviteView, RemoveInviteResult } from "../types";

/** The list with names, every number of each invitee's contact, and whether attendance saw any of them. */
export async function inviteViews(database: GavelDb, conferenceId: string): Promise<InviteView[]> {
  const invites = await listInvites(database, conferenceId);
  if (invites.length === 0) return [];
  const holders = await numberHolders(
    database,
    invites.map((i) => i.number),
  );
  const contactNumbers = await numbersOf(database, [...new Set([...holders.values()].map((h) => h.id))]);
  const match = invites.map((i) => {
    const holder = holders.get(i.number);
    const others = holder ? (contactNumbers.get(holder.id) ?? []) : [];
    return [i.number, ...others.filter((n) => n !== i.number)];
  });
  const seen = await seenNumbers(database, conferenceId, match.flat());
  return invites.map((i, k) => {
    const numbers = match[k] ?? [i.number];
    return {
      number: i.number,
      label: i.label,
      name: holders.get(i.number)?.name ?? null,
      matchNumbers: numbers,
      seen: numbers.some((n) => seen.has(n)),
      addedBy: i.addedBy,
      addedAt: iso(i.addedAt),
    };
  });
}

export async function listConferenceInvites(conferenceId: string) {
  return { conferenceId, invites: await inviteViews(await db(), conferenceId) };
}

/** Numbers typed any way, into E.164 in the deployment's default country (undefined if unreadable). */
export function readNumber(written: string): string | undefined {
  const r = normalisePhoneNumber(written, calloutSettings().defaultCountry);
  return r.ok ? r.e164 : undefined;
}

/**
 * Adds pasted text (the dial list's format: one number a line, or number and label)
 * or numbers picked from the directory. Each line is checked on its own, as the dial
 * list does; the good ones are added, the others named with their line and reason.
 */
export async function addConferenceInvites(
  ctx: AuditContext,
  conferenceId: string,
  body: { text?: string; numbers?: string[] },
): Promise<AddInvitesResult> {
  const lines: DialListLine[] =
    body.text !== undefined
      ? parseDialList(body.text).lines
      : (body.numbers ?? []).map((number, i) => ({ line: i + 1, number, label: undefined }));
  if (lines.length === 0) throw new ApiError("validation_failed", "Paste or pick at least one number.");
  if (lines.length > INVITES_MAX) {
    throw new ApiError("validation_failed", `At most ${INVITES_MAX} numbers at once (this has ${lines.length}).`);
  }
  const errors: InviteLineError[] = [];
  const good: { number: string; label: string | null }[] = [];
  for (const l of checkDialList(lines, calloutSettings().defaultCountry)) {
    if (!l.ok) errors.push({ line: l.line, number: l.number, message: l.message });
    else if ((l.label?.length ?? 0) > INVITE_LABEL_MAX) {
      errors.push({
        line: l.line,
        number: l.number,
        message: `has a label longer than ${INVITE_LABEL_MAX} characters`,
      });
    } else good.push({ number: l.e164, label: l.label ?? null });
  }
  const from = body.text !== undefined ? "paste" : "directory";
  const database = await db();
  let outcome = { added: [] as string[], already: [] as string[] };
  if (good.length > 0) {
    outcome = await auditedChange(
      ctx,
      {
        action: "invites.add",
        conferenceId,
        ...(good.length === 1 ? { targetNumber: good[0]!.number } : {}),
        params: {
          numbers: good.length,
          invalidLines: errors.length,
          from: body.text !== undefined ? "paste" : "directory",
        },
      },
      async () => {
        try {
          return await addInvites(database, conferenceId, good, ctx.actor?.email ?? null);
        } catch (e) {
          if (e instanceof TooManyInvitesError) throw new ApiError("validation_failed", e.message);
          throw e;
        }
      },
      (r) => ({
        numbers: good.length,
        added: r.added.length,
        already: r.already.length,
        invalidLines: errors.length,
        from,
      }),
    );
  }
  return { conferenceId, invites: await inviteViews(database, conferenceId), ...outcome, errors };
}

/** Takes one number (typed any way) off the list. */
export async function removeConferenceInvite(
  ctx: AuditContext,
  conferenceId: string,
  written: string,
): Promise<RemoveInviteResult> {
  const number = readNumber(written);
  if (!number) throw new ApiError("validation_failed", `number: ${written} is not a number Gavel can read`);
  const database = await db();
  await auditedChange(ctx, { action: "invites.remove", conferenceId, targetNumber: number }, async () => {
    const removed = await removeInvites(database, conferenceId, [number]);
    if (removed.length === 0) throw new ApiError("not_found", `${number} is not on this conference's invite list.`);
    return removed;
  });
  return { conferenceId, invites: await inviteViews(database, conferenceId), removed: true };
}
