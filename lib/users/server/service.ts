/**
 * User management for the API routes: the repository's operations, each audited.
 */
import "server-only";
import { recordAudit, type AuditContext, type AuditSubject } from "../../audit/server/record";
import { toApiError } from "../../api/map-error";
import { endEverywhere } from "../../auth/server/end-sessions";
import { forgetSessionState } from "../../auth/server/session-state";
import { db } from "../../db";
import {
  createUser,
  getUserById,
  listUsers,
  resetPassword,
  setDisabled,
  setName,
  setRole,
  type User,
} from "../../db/users";
import type { CreateUserInput, NewPassword, UpdateUserInput, UserView } from "../schemas";

export function toView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    ssoOnly: !u.hasPassword,
    createdAt: new Date(u.createdAt).toISOString(),
    lastLoginAt: u.lastLoginAt === null ? null : new Date(u.lastLoginAt).toISOString(),
  };
}

/** Runs a change and records it, succeeded or failed, before answering. */
export async function auditedChange<T>(ctx: AuditContext, subject: AuditSubject, run: () => Promise<T>): Promise<T> {
  const base = { httpStatus: null, sinchErrorCode: null, sinchReference: null, latencyMs: null };
  let result: T;
  try {
    result = await run();
  } catch (e) {
    await recordAudit(ctx, subject, { ...base, outcome: "failed", errorMessage: toApiError(e).message });
    throw e;
  }
  // Outside the try: a failed audit write must not be recorded as a failed change.
  await recordAudit(ctx, subject, { ...base, outcome: "succeeded", errorMessage: null });
  return result;
}

export async function listAllUsers(): Promise<UserView[]> {
  return (await listUsers(await db())).map(toView);
}

export async function addUser(
  ctx: AuditContext,
  input: CreateUserInput,
): Promise<{ user: UserView; generatedPassword: string | null }> {
  const mode = input.password === undefined ? "sso-only" : input.password === "generate" ? "generated" : "set";
  const created = await auditedChange(
    ctx,
    { action: "user.create", params: { email: input.email, role: input.role, password: mode } },
    async () => createUser(await db(), input),
  );
  return { user: toView(created.user), generatedPassword: created.generatedPassword };
}

export async function updateUser(ctx: AuditContext, userId: string, change: UpdateUserInput): Promise<UserView> {
  const database = await db();
  const before = await getUserById(database, userId);
  const who = { userId, email: before?.email ?? null };
  if (change.role !== undefined) {
    const role = change.role;
    return toView(
      await auditedChange(ctx, { action: "user.set_role", params: { ...who, from: before?.role, to: role } }, () =>
        setRole(database, userId, role),
      ),
    );
  }
  if (change.disabled !== undefined) {
    const disabled = change.disabled;
    // Disabling also ends the user's sessions (lib/db/users.ts): this process notices at once.
    const changed = await auditedChange(ctx, { action: disabled ? "user.disable" : "user.enable", params: who }, () =>
      setDisabled(database, userId, disabled),
    );
    forgetSessionState(userId);
    return toView(changed);
  }
  // The schema guarantees exactly one change; name is the one left. Audited like every
  // other change to a user (the README says so): who renamed whom, from what to what.
  const name = change.name ?? "";
  return toView(
    await auditedChange(ctx, { action: "user.rename", params: { ...who, from: before?.name, to: name } }, () =>
      setName(database, userId, name),
    ),
  );
}

export async function resetUserPassword(
  ctx: AuditContext,
  userId: string,
  password: NewPassword,
): Promise<{ user: UserView; generatedPassword: string | null }> {
  const database = await db();
  const before = await getUserById(database, userId);
  const result = await auditedChange(
    ctx,
    {
      action: "user.reset_password",
      params: { userId, email: before?.email ?? null, password: password === "generate" ? "generated" : "set" },
    },
    () => resetPassword(database, userId, password),
  );
  // The reset ended the user's sessions (lib/db/users.ts): this process notices at once.
  forgetSessionState(userId);
  return { user: toView(result.user), generatedPassword: result.generatedPassword };
}

/** Signs a user out everywhere (an admin's action on the Users page). */
export async function endUserSessions(ctx: AuditContext, userId: string): Promise<{ ended: true }> {
  await endEverywhere(ctx, userId);
  return { ended: true };
}
