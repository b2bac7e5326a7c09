/**
 * `npm run users -- remove-demo`: takes the sandbox's demo accounts (published
 * passwords) out of a database, so a real start accepts it (./guard.ts), and records
 * that in the audit trail in the same transaction. Nothing else is removed: audit
 * entries keep the demo accounts' emails, conferences and attendance stay.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { GavelDb } from "../db";
import { insertAudit } from "../db/audit";
import { deleteUsersWithEmails } from "../db/user-removal";
import { listUsers } from "../db/users";
import { DEMO_EMAILS } from "./demo-users";

export interface RemovalContext {
  /** The operating-system account that ran the command, for the audit entry. */
  osUser: string | null;
}

/** Removes every demo account from `db`; returns the removed emails (none: nothing recorded). */
export async function removeDemoAccounts(db: GavelDb, ctx: RemovalContext, now = Date.now()): Promise<string[]> {
  return db.kysely.transaction().execute(async (trx) => {
    const inTrx: GavelDb = { ...db, kysely: trx };
    const removed = await deleteUsersWithEmails(inTrx, DEMO_EMAILS);
    if (removed.length === 0) return [];
    await insertAudit(inTrx, {
      at: now,
      actorId: null,
      actorEmail: null,
      actorRole: null,
      action: "user.remove_demo",
      conferenceId: null,
      targetCallId: null,
      targetNumber: null,
      params: {
        removed: removed.map((u) => ({ userId: u.id, email: u.email, role: u.role })),
        via: "npm run users -- remove-demo",
        osUser: ctx.osUser,
      },
      outcome: "succeeded",
      httpStatus: null,
      sinchErrorCode: null,
      sinchReference: null,
      errorMessage: null,
      latencyMs: null,
      requestId: `cli-${randomUUID()}`,
      clientAddress: null,
    });
    return removed.map((u) => u.email);
  });
}

/** The CLI's command: removes them, and says what it did, in lines to print. */
export async function removeDemoReport(db: GavelDb): Promise<string[]> {
  const removed = await removeDemoAccounts(db, { osUser: osUserName() });
  if (removed.length === 0) return [`No demo accounts in ${db.location}.`];
  const lines = [`Removed the demo accounts ${removed.join(", ")} from ${db.location}.`];
  const admins = (await listUsers(db)).filter((u) => u.role === "admin" && !u.disabled);
  if (admins.length === 0) {
    lines.push("No active admin is left: add one with: npm run users -- add --email you@example.com --role admin");
  }
  return lines;
}

function osUserName(): string | null {
  try {
    return os.userInfo().username;
  } catch {
    return null;
  }
}
