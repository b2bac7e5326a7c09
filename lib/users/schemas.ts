/**
 * What a Gavel user is allowed to look like: shared by the users API routes,
 * the users forms in the browser, the repository (lib/db/users.ts) and the CLI.
 * Pure zod, no server imports: the browser bundles this file.
 */
import { z } from "zod";

export const USER_ROLES = ["moderator", "support", "admin"] as const;
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

export const setRoleSchema = z.object({ role: userRoleSchema });
export const setDisabledSchema = z.object({ disabled: z.boolean() });
export const setNameSchema = z.object({ name: userNameSchema });
export const resetPasswordSchema = z.object({ password: newPasswordSchema });

/**
 * Sign-in form. Deliberately loose (no email format, no minimum length): a sign-in
 * must not tell anyone what the password rules are or whether an address is valid.
 */
export const signInSchema = z.object({
  email: z.string().trim().min(1, "must not be empty").max(254),
  password: z.string().min(1, "must not be empty").max(1024),
});

export const userParamsSchema = z.object({ userId: userIdSchema });

/** One change at a time keeps each audit entry about one thing. */
export const updateUserSchema = z
  .object({ role: userRoleSchema.optional(), disabled: z.boolean().optional(), name: userNameSchema.optional() })
  .refine((b) => [b.role, b.disabled, b.name].filter((v) => v !== undefined).length === 1, {
    message: "change exactly one of role, disabled or name",
  });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

/** A user as the users page sees it (no password hash). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  disabled: boolean;
  ssoOnly: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};
