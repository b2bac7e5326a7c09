/**
 * Every change to a user is audited, on each database engine: here the rename, which
 * once changed the name and wrote nothing (issue 11, finding 14).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditContext } from "../../audit/server/record";
import type { GavelDb } from "../../db";
import { createUser } from "../../db/users";
import { engines, type TestTarget } from "../../testing/db-engines";
import { releaseProcessDb, useProcessDb } from "../../testing/process-db";
import { updateUser } from "./service";

const ctx: AuditContext = {
  actor: { id: "u-admin", email: "admin@gavel.test", role: "admin" },
  requestId: "rename-1",
  clientAddress: "10.0.0.2",
};

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("user changes", () => {
    let t: TestTarget;
    let db: GavelDb;
    beforeAll(async () => {
      t = await engine.fresh();
      db = await useProcessDb(t);
    });
    afterAll(async () => {
      await releaseProcessDb();
      await t?.dispose();
    });

    it("a rename is audited with who renamed whom, from what to what", async () => {
      const { user } = await createUser(db, { email: "ren@example.com", name: "Old Name", role: "support" });
      const view = await updateUser(ctx, user.id, { name: "New Name" });
      expect(view.name).toBe("New Name");
      const rows = await db.kysely
        .selectFrom("audit_log")
        .selectAll()
        .where("request_id", "=", ctx.requestId)
        .execute();
      expect(rows.map((r) => [r.action, r.outcome, r.actor_email])).toEqual([
        ["user.rename", "succeeded", "admin@gavel.test"],
      ]);
      expect(JSON.parse(rows[0]?.params ?? "null")).toEqual({
        userId: user.id,
        email: "ren@example.com",
        from: "Old Name",
        to: "New Name",
      });
    });
  });
});
