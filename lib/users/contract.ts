/** The users API (admins only): what each route takes and answers. Client-safe. */
import { endpoint, json } from "../api/endpoint";
import { createUserSchema, resetPasswordSchema, updateUserSchema, userParamsSchema, type UserView } from "./schemas";

/** A new or reset password made by the server is shown once, in this answer. */
export interface UserWithPassword {
  user: UserView;
  generatedPassword: string | null;
}

export const usersApi = {
  list: endpoint({
    method: "GET",
    path: "/api/users",
    permission: "users:manage",
    reply: json<{ users: UserView[] }>(),
  }),
  create: endpoint({
    method: "POST",
    path: "/api/users",
    permission: "users:manage",
    body: createUserSchema,
    reply: json<UserWithPassword>(),
  }),
  update: endpoint({
    method: "PATCH",
    path: "/api/users/:userId",
    permission: "users:manage",
    params: userParamsSchema,
    body: updateUserSchema,
    reply: json<{ user: UserView }>(),
  }),
  resetPassword: endpoint({
    method: "POST",
    path: "/api/users/:userId/password",
    permission: "users:manage",
    params: userParamsSchema,
    body: resetPasswordSchema,
    reply: json<UserWithPassword>(),
  }),
  /** Sign the user out everywhere: every session they hold ends within seconds. */
  endSessions: endpoint({
    method: "POST",
    path: "/api/users/:userId/end-sessions",
    permission: "users:manage",
    params: userParamsSchema,
    reply: json<{ ended: true }>(),
  }),
};
