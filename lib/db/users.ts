/**
 * Users: who may sign in to Gavel and with which role.
 *
 * Every function takes the database first (`await db()` in the app, a test database
 * in tests) and validates its input with the zod schemas in lib/users/schemas.ts, so
 * a route that forgot to parse still cannot store a bad row.
 *
 * Passwords are bcrypt hashes at cost 12 (bcryptjs, pure JS: about 0.3 s per hash or
 * check on a current 2-core server). Sign-ins are rare and rate-limited
 * (lib/db/login-attempts.ts), so that cost is paid seldom by us and often by anyone
 * trying to crack a stolen copy of the table, which is the point. Hashes made with
 * another cost are re-hashed at 12 on the next successful sign-in.
 */
import { randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { sql, type Selectable } from "kysely";
import {
  PASSWORD_MAX_BYTES,
  createUserSchema,
  emailSchema,
  newPasswordSchema,
  userIdSchema,
  userNameSchema,
  userRoleSchema,
  type CreateUserInput,
  type NewPassword,
  type UserRole,
} from "../vocabulary/users";
import { DuplicateEmailError, LastAdminError, NotFoundError, isUniqueViolation } from "./errors";
import { forUpdate, type GavelDb } from "./index";
import type { UsersTable } from "./schema";

export const BCRYPT_COST = 12;

/**
 * Compared against when the email is unknown (or the user has no password), so that
 * the answer takes as long as for a real user and does not reveal which emails exist.
 * The hash of random bytes nobody kept, at BCRYPT_COST (a test checks the two agree).
 */
export const DUMMY_HASH = "$2b$12$ubmkqsLUUfntzpYUzG/lEuGWRVXaD.JFWl2RliKq3r58pEUNxUN3i";

/** A user as the rest of Gavel sees it: never the password hash. Times are epoch milliseconds. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  /** True when the user has a password; false = SSO-only. */
  hasPassword: boolean;
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
}

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled === 1,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

/** 24 characters of base64url from 18 random bytes (144 bits): strong, and easy to paste. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** Users sorted by email. */
export async function listUsers(db: GavelDb): Promise<User[]> {
  const rows = await db.kysely.selectFrom("users").selectAll().orderBy("email").execute();
  return rows.map(toUser);
}

export async function getUserById(db: GavelDb, id: string): Promise<User | undefined> {
  if (!userIdSchema.safeParse(id).success) return undefined;
  const row = await db.kysely.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

/** Looks the email up case-insensitively (emails are stored lower-cased). */
export async function getUserByEmail(db: GavelDb, email: string): Promise<User | undefined> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) return undefined;
  const row = await db.kysely.selectFrom("users").selectAll().where("email", "=", parsed.data).executeTakeFirst();
  return row && toUser(row);
}

export interface CreatedUser {
  user: User;
  /** The password Gavel made up when asked to "generate": show it once, it is not stored. Otherwise null. */
  generatedPassword: string | null;
}

/**
 * Adds a user. No password makes an SSO-only user; "generate" makes a strong password
 * and returns it. Throws DuplicateEmailError when the email is taken (in any case),
 * and a ZodError when the input is invalid.
 */
export async function createUser(db: GavelDb, input: CreateUserInput, now = Date.now()): Promise<CreatedUser> {
  const { email, name, role, password } = createUserSchema.parse(input);
  const generatedPassword = password === "generate" ? generatePassword() : null;
  const plain = generatedPassword ?? password;
  const row: Selectable<UsersTable> = {
    id: randomUUID(),
    email,
    name,
    role,
    password_hash: plain === undefined ? null : await hashPassword(plain),
    disabled: 0,
    created_at: now,
    updated_at: now,
    last_login_at: null,
    session_generation: 0,
  };
  try {
    await db.kysely.insertInto("users").values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateEmailError(email);
    throw error;
  }
  return { user: toUser(row), generatedPassword };
}

export type PasswordCheck =
  | { ok: true; user: User }
  /**
   * "invalid": unknown email, wrong password, or an SSO-only user (tell the person only
   * that the email or password is wrong). "disabled": the password was right but the
   * user is disabled; only reported after a correct password, so it reveals nothing.
   */
  | { ok: false; reason: "invalid" | "disabled" };

/**
 * Checks an email and password. Takes one bcrypt comparison whether or not the email
 * exists, so response times do not reveal who has an account. Does not record the
 * sign-in: call touchLogin when the session is created.
 */
export async function verifyPassword(
  db: GavelDb,
  email: string,
  password: string,
  /** Sign-in passes a compare that runs off the main thread (lib/auth/server/password-checks.ts). */
  compare: (password: string, hash: string) => Promise<boolean> = bcrypt.compare,
): Promise<PasswordCheck> {
  const parsed = emailSchema.safeParse(email);
  const row = parsed.success
    ? await db.kysely.selectFrom("users").selectAll().where("email", "=", parsed.data).executeTakeFirst()
    : undefined;
  const hash = row?.password_hash ?? DUMMY_HASH;
  const matches = await compare(password, hash);
  // bcrypt ignores bytes past the 72nd; no stored password is longer, so a longer guess is wrong.
  const tooLong = Buffer.byteLength(password, "utf8") > PASSWORD_MAX_BYTES;
  if (!row || row.password_hash === null || !matches || tooLong) return { ok: false, reason: "invalid" };
  if (row.disabled === 1) return { ok: false, reason: "disabled" };
  if (bcrypt.getRounds(row.password_hash) !== BCRYPT_COST) {
    await db.kysely
      .updateTable("users")
      .set({ password_hash: await hashPassword(password) })
      .where("id", "=", row.id)
      .where("password_hash", "=", row.password_hash)
      .execute();
  }
  return { ok: true, user: toUser(row) };
}

/** Records a successful sign-in. */
export async function touchLogin(db: GavelDb, id: string, now = Date.now()): Promise<void> {
  await db.kysely.updateTable("users").set({ last_login_at: now }).where("id", "=", id).execute();
}

export async function setName(db: GavelDb, id: string, name: string, now = Date.now()): Promise<User> {
  const clean = userNameSchema.parse(name);
  const row = await db.kysely
    .updateTable("users")
    .set({ name: clean, updated_at: now })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("user", id);
  return toUser(row);
}

/** Changes a user's role. Throws LastAdminError rather than demote the last active admin. */
export function setRole(db: GavelDb, id: string, role: UserRole, now = Date.now()): Promise<User> {
  const newRole = userRoleSchema.parse(role);
  return changeGuarded(db, id, "demote", { role: newRole }, now);
}

/** Disables or re-enables a user. Throws LastAdminError rather than disable the last active admin. */
export function setDisabled(db: GavelDb, id: string, disabled: boolean, now = Date.now()): Promise<User> {
  return changeGuarded(db, id, "disable", { disabled: disabled ? 1 : 0 }, now);
}

/**
 * Applies a role or disabled change unless it leaves no active admin. In one
 * transaction: on PostgreSQL the active admins are locked first (in id order, so two
 * concurrent changes queue instead of deadlocking), so two admins demoting each other
 * at the same moment cannot both succeed.
 */
async function changeGuarded(
  db: GavelDb,
  id: string,
  action: "demote" | "disable",
  change: { role: UserRole } | { disabled: 0 | 1 },
  now: number,
): Promise<User> {
  if (!userIdSchema.safeParse(id).success) throw new NotFoundError("user", id);
  return db.kysely.transaction().execute(async (trx) => {
    const activeAdmins = await forUpdate(
      db,
      trx.selectFrom("users").select("id").where("role", "=", "admin").where("disabled", "=", 0).orderBy("id"),
    ).execute();
    const user = await forUpdate(db, trx.selectFrom("users").selectAll().where("id", "=", id)).executeTakeFirst();
    if (!user) throw new NotFoundError("user", id);

    const after = { ...user, ...change };
    const wasActiveAdmin = user.role === "admin" && user.disabled === 0;
    const staysActiveAdmin = after.role === "admin" && after.disabled === 0;
    if (wasActiveAdmin && !staysActiveAdmin && !activeAdmins.some((a) => a.id !== id)) {
      throw new LastAdminError(user.email, action);
    }
    if (after.role === user.role && after.disabled === user.disabled) return toUser(user);

    // Disabling ends every session of the user (lib/auth/server/session-state.ts).
    const endSessions = "disabled" in change && change.disabled === 1;
    const row = await trx
      .updateTable("users")
      .set({
        ...change,
        updated_at: now,
        ...(endSessions ? { session_generation: sql<number>`session_generation + 1` } : {}),
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  });
}

/**
 * Sets a new password ("generate" makes one and returns it). Also how an SSO-only
 * user gets a password. Ends every session of the user: whoever held the old password
 * (or a copied cookie) is signed out.
 */
export async function resetPassword(
  db: GavelDb,
  id: string,
  password: NewPassword,
  now = Date.now(),
): Promise<{ user: User; generatedPassword: string | null }> {
  const parsed = newPasswordSchema.parse(password);
  const generatedPassword = parsed === "generate" ? generatePassword() : null;
  const hash = await hashPassword(generatedPassword ?? parsed);
  const row = await db.kysely
    .updateTable("users")
    .set({ password_hash: hash, updated_at: now, session_generation: sql<number>`session_generation + 1` })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("user", id);
  return { user: toUser(row), generatedPassword };
}

/** Ends every session of the user ("sign out everywhere"). Throws NotFoundError for an unknown user. */
export async function endAllSessions(db: GavelDb, id: string): Promise<User> {
  if (!userIdSchema.safeParse(id).success) throw new NotFoundError("user", id);
  const row = await db.kysely
    .updateTable("users")
    .set({ session_generation: sql<number>`session_generation + 1` })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("user", id);
  return toUser(row);
}

/** How many users can manage users right now. */
export async function countActiveAdmins(db: GavelDb): Promise<number> {
  const r = await db.kysely
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled", "=", 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
