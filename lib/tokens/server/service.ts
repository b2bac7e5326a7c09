/**
 * API tokens for the routes: make, list and revoke, one's own (tokens:own) or, for an
 * admin, anyone's (tokens:manage). Making and revoking are audited. A request that
 * itself came with an API token may not make or revoke tokens: a leaked token must not
 * be able to mint longer-lived ones or undo its owner's revocations.
 */
import "server-only";
import { ApiError } from "../../api/errors";
import type { Actor } from "../../auth/actor";
import { forgetApiToken } from "../../auth/server/api-token";
import type { AuditContext } from "../../audit/server/record";
import { db } from "../../db";
import {
  countActiveApiTokens,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiToken,
} from "../../db/api-tokens";
import { NotFoundError } from "../../db/errors";
import { getUserById } from "../../db/users";
import { auditedChange } from "../../users/server/service";
import type { CreateTokenInput } from "../schemas";
import { MAX_ACTIVE_TOKENS, type ApiTokenView, type CreatedApiToken } from "../types";

const DAY_MS = 86_400_000;

export function toTokenView(t: ApiToken, now = Date.now()): ApiTokenView {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: t.id,
    name: t.name,
    status: t.revokedAt !== null ? "revoked" : now >= t.expiresAt ? "expired" : "active",
    createdAt: new Date(t.createdAt).toISOString(),
    expiresAt: new Date(t.expiresAt).toISOString(),
    revokedAt: iso(t.revokedAt),
    lastUsedAt: iso(t.lastUsedAt),
  };
}

function sessionOnly(actor: Actor): void {
  if (actor.token) {
    throw new ApiError("forbidden", "An API token cannot make or revoke API tokens: sign in to Gavel to do that.");
  }
}

async function userOf(userId: string) {
  const user = await getUserById(await db(), userId);
  if (!user) throw new NotFoundError("user", userId);
  return user;
}

export async function listTokens(userId: string): Promise<{ tokens: ApiTokenView[] }> {
  await userOf(userId);
  const now = Date.now();
  return { tokens: (await listApiTokens(await db(), userId)).map((t) => toTokenView(t, now)) };
}

/** Makes a token for `userId`, acting as that user with their role at each use. */
export async function makeToken(ctx: AuditContext & { actor: Actor }, userId: string, input: CreateTokenInput) {
  sessionOnly(ctx.actor);
  const database = await db();
  const user = await userOf(userId);
  const now = Date.now();
  const expiresAt = now + input.expiresInDays * DAY_MS;
  const params: Record<string, unknown> = {
    userId,
    email: user.email,
    name: input.name,
    expiresAt: new Date(expiresAt).toISOString(),
  };
  let made: { apiToken: ApiToken; token: string } | undefined;
  await auditedChange(ctx, { action: "token.create", params }, async () => {
    if (user.disabled)
      throw new ApiError("conflict", `${user.email} is disabled: an API token of theirs would not work.`);
    if ((await countActiveApiTokens(database, userId, now)) >= MAX_ACTIVE_TOKENS) {
      throw new ApiError(
        "conflict",
        `${user.email} already has ${MAX_ACTIVE_TOKENS} working API tokens: revoke one before making another.`,
      );
    }
    made = await createApiToken(database, { userId, name: input.name, expiresAt, createdBy: ctx.actor.id }, now);
    params.tokenId = made.apiToken.id;
  });
  const { apiToken, token } = made!;
  return { apiToken: toTokenView(apiToken, now), token } satisfies CreatedApiToken;
}

/** Revokes one of `userId`'s tokens; it stops working at once here, within 2 s on other instances. */
export async function revokeToken(ctx: AuditContext & { actor: Actor }, userId: string, tokenId: string) {
  sessionOnly(ctx.actor);
  const database = await db();
  const user = await userOf(userId);
  const revoked = await auditedChange(
    ctx,
    { action: "token.revoke", params: { userId, email: user.email, tokenId } },
    async () => {
      const t = await revokeApiToken(database, userId, tokenId);
      if (!t) throw new ApiError("not_found", `${user.email} has no API token ${tokenId}.`);
      return t;
    },
  );
  forgetApiToken(tokenId);
  return { apiToken: toTokenView(revoked) };
}
