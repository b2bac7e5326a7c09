/**
 * What a Gavel user is allowed to look like: shared by the users API routes, the
 * users forms in the browser and the CLI. The fields themselves are in
 * lib/vocabulary/users.ts, which the repository (lib/db/users.ts) uses too.
 * Pure zod, no server imports: the browser bundles this file.
 */
import { z } from "zod";
import { newPasswordSchema, userIdSchema, userNameSchema, userRoleSchema } from "../vocabulary/users";

export {
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_LENGTH,
  USER_ROLES,
  createUserSchema,
  emailSchema,
  newPasswordSchema,
  passwordSchema,
  userIdSchema,
  userNameSchema,
  userRoleSchema,
  type CreateUserInput,
  type NewPassword,
  type UserRole,
} from "../vocabulary/users";

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

/** A user as the users page sees it (no password hash); the API's answers are described with it. */
export const userViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  disabled: z.boolean(),
  ssoOnly: z.boolean(),
  createdAt: z.string().describe("ISO 8601 time"),
  lastLoginAt: z.string().describe("ISO 8601 time").nullable(),
});
export type UserView = z.infer<typeof userViewSchema>;

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};
