/**
 * What a Gavel user's fields may hold: shared by the users API routes and forms
 * (through lib/users/schemas.ts), the repository (lib/db/users.ts) and the CLI.
 * Pure zod: the browser bundles this file.
 */
import { z } from "zod";
import { ROLES } from "./roles";

/** The same list as ROLES, under the name the users feature has always used. */
export const USER_ROLES = ROLES;
export const userRoleSchema = z.enum(USER_ROLES, { message: 'must be "moderator", "support" or "admin"' });
export type UserRole = z.infer<typeof userRoleSchema>;

export const userIdSchema = z.uuid("must be a user id (a UUID)");

/** Emails are compared and stored trimmed and lower-cased, so "Ann@X.com" and "ann@x.com" are one user. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("must be a valid email address").max(254, "must be at most 254 characters"));

export const userNameSchema = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

export const PASSWORD_MIN_LENGTH = 12;
/** bcrypt silently ignores everything after the 72nd byte, so longer passwords are refused rather than truncated. */
export const PASSWORD_MAX_BYTES = 72;

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((p) => utf8Length(p) <= PASSWORD_MAX_BYTES, {
    message: `must be at most ${PASSWORD_MAX_BYTES} bytes (bcrypt ignores anything longer)`,
  });

/** A new password, or "generate" to have the server make a strong one and show it once. */
export const newPasswordSchema = z.union([z.literal("generate"), passwordSchema]);
export type NewPassword = z.infer<typeof newPasswordSchema>;

/** `password` left out makes an SSO-only user (no password sign-in). */
export const createUserSchema = z.object({
  email: emailSchema,
  name: userNameSchema,
  role: userRoleSchema,
  password: newPasswordSchema.optional(),
});
export type CreateUserInput = z.input<typeof createUserSchema>;
