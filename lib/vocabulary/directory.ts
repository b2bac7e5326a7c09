/**
 * The directory's limits: how long a contact's fields may be, how many numbers one
 * contact holds, and how large an import may be. Shared by the repository
 * (lib/db/contacts.ts), the directory feature (lib/directory) and the page. Pure and
 * client-safe (no zod, no libphonenumber).
 */
export const CONTACT_NAME_MAX = 200;
export const CONTACT_ORGANISATION_MAX = 200;
export const CONTACT_NOTES_MAX = 2000;
/** Numbers one contact may hold. */
export const CONTACT_NUMBERS_MAX = 10;
/** A number as typed, before it is read into E.164. */
export const CONTACT_NUMBER_INPUT_MAX = 40;

/** Contacts a page of the directory lists by default, and at most. */
export const DIRECTORY_PAGE_LIMIT = 50;
export const DIRECTORY_MAX_LIMIT = 200;
/** A search text's length. */
export const DIRECTORY_QUERY_MAX = 100;

/** Contact lines one CSV import may hold (beyond a header row). */
export const DIRECTORY_IMPORT_MAX_ROWS = 2000;
/** Characters one CSV import may hold (the API's body limit is 512 KiB). */
export const DIRECTORY_IMPORT_MAX_CHARS = 400_000;

/** What an E.164 number looks like once read (the repository refuses anything else). */
export const E164_PATTERN = /^\+[1-9]\d{5,14}$/;
