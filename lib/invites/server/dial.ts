/**
 * "Dial everyone missing": the person confirmed a count of numbers; the server asks
 * Sinch who is in the room now (not the list of up to one poll window ago), keeps the
 * confirmed numbers that are still missing (and, if asked, those who left), and dials
 * them as one dial list (lib/callouts/server/place.ts `placeBatch`: throttled by
 * GAVEL_BULK_CONCURRENCY, paid from the callout budget, one callout row each, so the
 * list's rows show the progress). Whoever joined meanwhile is skipped and said so; no
 * number that was not confirmed is ever dialled. Audited as one entry ("invites.dial")
 * around the callouts' own entries.
 */
import "server-only";
import { placeBatch, type CalloutContext } from "../../callouts/server/place";
import { serverSchemas } from "../../callouts/server/inputs";
import { getLive, invalidateLive } from "../../conferences/server/live";
import { db } from "../../db";
import { auditedChange } from "../../directory/server/service";
import { LABEL_MAX } from "../../vocabulary/callouts";
import { dialTargets, inviteName, inviteStatus } from "../status";
import type { DialMissingResult, DialSkipped } from "../types";
import { inviteViews, readNumber } from "./service";

export async function dialMissing(
  ctx: CalloutContext,
  conferenceId: string,
  body: { numbers: string[]; includeLeft?: boolean; batchId?: string },
): Promise<DialMissingResult> {
  const includeLeft = body.includeLeft ?? false;
  return auditedChange(
    ctx,
    { action: "invites.dial", conferenceId, params: { confirmed: body.numbers.length, includeLeft } },
    async () => {
      // Who is connected now, from Sinch itself: the cached list may be a window old.
      invalidateLive(conferenceId);
      const live = await getLive(conferenceId);
      const present = new Set(live.participants.map((p) => p.cli));
      const views = await inviteViews(await db(), conferenceId);
      const byNumber = new Map(views.map((v) => [v.number, v]));
      const confirmed = new Set(body.numbers.map((n) => readNumber(n) ?? n));
      const targets = dialTargets(views, present, includeLeft).filter((t) => confirmed.has(t.number));
      const dialled = new Set(targets.map((t) => t.number));
      const skipped: DialSkipped[] = [...confirmed]
        .filter((n) => !dialled.has(n))
        .map((number) => {
          const v = byNumber.get(number);
          return { number, reason: v ? (inviteStatus(v, present) === "present" ? "present" : "left") : "not_invited" };
        });
      if (targets.length === 0) return { batch: null, skipped };
      const batch = serverSchemas().batch.parse({
        conferenceId,
        ...(body.batchId ? { batchId: body.batchId } : {}),
        lines: targets.map((t) => ({ number: t.number, label: inviteName(t)?.slice(0, LABEL_MAX) })),
      });
      return { batch: await placeBatch(ctx, batch), skipped };
    },
    (r) => ({
      confirmed: body.numbers.length,
      includeLeft,
      placed: r.batch?.placed ?? 0,
      failed: r.batch?.failed ?? 0,
      skipped: r.skipped.length,
      ...(r.batch ? { batchId: r.batch.batchId } : {}),
    }),
  );
}
