/**
 * The rules of a conference id and a call id as a plain function, for the browser
 * (which carries no zod): the zod schemas in ./conferences.ts, which the server parses
 * with, check the same rules with the same sentences (./conferences.test.ts holds the
 * two to agreeing).
 */

/** C0 controls (NUL, tab, line breaks, escape), DEL and C1 controls: never part of an id. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export const CONFERENCE_ID_MAX = 64;
export const CALL_ID_MAX = 128;

/** Why `id` is not a valid id named `name` (at most `max` characters), or null when it is. */
export function idProblem(name: string, max: number, id: string): string | null {
  if (id.length < 1) return `${name} must not be empty`;
  if (id.length > max) return `${name} must be at most ${max} characters`;
  if (CONTROL_CHARACTER.test(id)) return `${name} must not contain control characters (such as NUL or a line break)`;
  if (!id.isWellFormed()) return `${name} must be valid Unicode text`;
  if (id === "." || id === "..") return `${name} cannot be "." or ".."`;
  return null;
}

/** Why `id` is not a conference id, or null when it is one. */
export function conferenceIdProblem(id: string): string | null {
  return idProblem("conferenceId", CONFERENCE_ID_MAX, id);
}
