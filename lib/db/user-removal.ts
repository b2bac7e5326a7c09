/**
 * Removing users outright, which Gavel otherwise never does (people are disabled, so
 * their audit entries keep a name). The one use: taking the sandbox's demo accounts,
 * whose passwords are published, out of a database that is to serve for real
 * (`npm run users -- remove-demo`). Audit entries keep the removed user's email.
 */
import type { GavelDb } from "./index";
import { listUsers, type User } from "./users";

/** The users with these (lower-case) emails. */
export async function usersWithEmails(db: GavelDb, emails: readonly string[]): Promise<User[]> {
  if (emails.length === 0) return [];
  const wanted = new Set(emails);
  return (await listUsers(db)).filter((u) => wanted.has(u.email));
}

/** Deletes the users with these (lower-case) emails; returns who was deleted. */
export async function deleteUsersWithEmails(db: GavelDb, emails: readonly string[]): Promise<User[]> {
  const found = await usersWithEmails(db, emails);
  if (found.length === 0) return [];
  await db.kysely
    .deleteFrom("users")
    .where(
      "id",
      "in",
      found.map((u) => u.id),
    )
    .execute();
  return found;
}
