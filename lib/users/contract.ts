/** The users API (admins only): what each route takes and answers. Client-safe. */
import { z } from "zod";
import { endpoint, jsonOf } from "../api/endpoint";
import { createUserSchema, resetPasswordSchema, updateUserSchema, userParamsSchema, userViewSchema } from "./schemas";

/** A new or reset password made by the server is shown once, in this answer. */
const userWithPasswordSchema = z.object({
  user: userViewSchema,
  generatedPassword: z.string().nullable().describe("Set when the server made the password: shown in this answer only"),
});
export type UserWithPassword = z.infer<typeof userWithPasswordSchema>;
const oneUserSchema = z.object({ user: userViewSchema });
const endedSchema = z.object({ ended: z.literal(true) });

export const usersApi = {
  list: endpoint({
    method: "GET",
    path: "/api/users",
    summary: "Gavel's users",
    permission: "users:manage",
    reply: jsonOf(z.object({ users: z.array(userViewSchema) })),
  }),
  create: endpoint({
    method: "POST",
    path: "/api/users",
    summary: "Add a user (a generated password is in this answer only)",
    permission: "users:manage",
    body: createUserSchema,
    reply: jsonOf(userWithPasswordSchema),
  }),
  update: endpoint({
    method: "PATCH",
    path: "/api/users/:userId",
    summary: "Change one thing about a user: role, disabled or name",
    permission: "users:manage",
    params: userParamsSchema,
    body: updateUserSchema,
    reply: jsonOf(oneUserSchema),
  }),
  resetPassword: endpoint({
    method: "POST",
    path: "/api/users/:userId/password",
    summary: "Set or generate a user's new password (ends their sessions)",
    permission: "users:manage",
    params: userParamsSchema,
    body: resetPasswordSchema,
    reply: jsonOf(userWithPasswordSchema),
  }),
  /** Sign the user out everywhere: every session they hold ends within seconds. */
  endSessions: endpoint({
    method: "POST",
    path: "/api/users/:userId/end-sessions",
    summary: "Sign a user out everywhere",
    permission: "users:manage",
    params: userParamsSchema,
    reply: jsonOf(endedSchema),
  }),
};
