/**
 * Errors the repositories throw on purpose. Each names what is wrong in a sentence a
 * person can read; API routes map them by class (NotFoundError → 404,
 * DuplicateEmailError and LastAdminError → 409) and show `message` as is.
 */

export class NotFoundError extends Error {
  constructor(
    public readonly entity: "user" | "conference" | "contact",
    public readonly ref: string,
  ) {
    super(`No ${entity} ${JSON.stringify(ref)}`);
    this.name = "NotFoundError";
  }
}

export class DuplicateEmailError extends Error {
  constructor(public readonly email: string) {
    super(`A user with the email ${email} already exists`);
    this.name = "DuplicateEmailError";
  }
}

/** Disabling or demoting the only active admin would leave nobody able to manage users. */
export class LastAdminError extends Error {
  constructor(
    public readonly email: string,
    action: "disable" | "demote",
  ) {
    super(
      `Cannot ${action} ${email}: they are the last active admin. Make another user an admin first, so someone can still manage users.`,
    );
    this.name = "LastAdminError";
  }
}

/** A number already belongs to another contact (numbers are unique across the directory). */
export class DuplicateNumberError extends Error {
  constructor(
    public readonly number: string,
    /** The contact holding it, when known. */
    public readonly holder: { id: string; name: string } | null,
  ) {
    super(
      holder
        ? `${number} already belongs to ${holder.name}: a number can be in the directory only once`
        : `${number} is already in the directory: a number can be in the directory only once`,
    );
    this.name = "DuplicateNumberError";
  }
}

/** A unique constraint refused a row: SQLite (better-sqlite3) and PostgreSQL spell it differently. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const code = (error as { code: unknown }).code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}
