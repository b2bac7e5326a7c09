/**
 * A contact as sent, read into what the directory stores: each number through the
 * callouts' phone rules (libphonenumber, the deployment's default country) into
 * E.164, or a validation error naming the field ("numbers.1: not a valid number
 * for US"). The same number typed twice is kept once.
 */
import "server-only";
import { ApiError } from "../../api/errors";
import { normalisePhoneNumber } from "../../callouts/phone";
import { config } from "../../config/env";
import type { ContactInput } from "../../db/contacts";
import type { ParsedContactBody } from "../schemas";

export function defaultCountry(): string {
  return config().GAVEL_DEFAULT_COUNTRY;
}

export function readContact(body: ParsedContactBody): ContactInput {
  const fields: { path: string; message: string }[] = [];
  const numbers: string[] = [];
  body.numbers.forEach((written, i) => {
    const r = normalisePhoneNumber(written, defaultCountry());
    if (!r.ok) fields.push({ path: `numbers.${i}`, message: r.message });
    else if (!numbers.includes(r.e164)) numbers.push(r.e164);
  });
  const first = fields[0];
  if (first) throw new ApiError("validation_failed", `${first.path}: ${first.message}`, { fields });
  return { name: body.name, numbers, organisation: body.organisation, notes: body.notes };
}
