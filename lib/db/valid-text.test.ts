/**
 * Every string reaches either engine as valid text (issue 11, finding 9): an audit
 * entry whose free text carries a NUL (a Sinch message, a reason) is written on
 * PostgreSQL too, with the NUL dropped, and a search for text with a NUL is a query
 * like any other rather than a database error. Both engines store the same thing.
 */
import { describe, expect, it } from "vitest";
import { engines, freshDbForSuite } from "../testing/db-engines";
import { insertAudit, queryAudit, type NewAuditEntry } from "./audit";
import { setDisplayName, upsertSeen } from "./conferences";
import { validText } from "./valid-text";

function entry(overrides: Partial<NewAuditEntry>): NewAuditEntry {
  return {
    at: 1_767_225_600_000,
    actorId: null,
    actorEmail: "ann@gavel.test",
    actorRole: "moderator",
    action: "participant.kick",
    conferenceId: "weekly-sync",
    targetCallId: "call-1",
    targetNumber: "+46708168731",
    params: { reason: "no\u0000reason" },
    outcome: "failed",
    httpStatus: 400,
    sinchErrorCode: 40000,
    sinchReference: "ref",
    errorMessage: "Sinch said: bad\u0000input",
    latencyMs: 12,
    requestId: "req-nul",
    clientAddress: "10.0.0.1",
    ...overrides,
  };
}

describe("validText", () => {
  it("drops NUL and mends lone surrogates, and leaves other text alone", () => {
    expect(validText("a\u0000b\u0000")).toBe("ab");
    expect(validText("x\ud800y")).toBe("x\ufffdy");
    expect(validText("Åsa 😀 \n\t")).toBe("Åsa 😀 \n\t");
  });
});

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("text with NUL", () => {
    const fresh = freshDbForSuite(engine);

    it("writes an audit entry whose free text carries a NUL, without it", async () => {
      await insertAudit(fresh.db, entry({}));
      const { rows } = await queryAudit(fresh.db, { requestId: "req-nul", limit: 10 });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.error_message).toBe("Sinch said: badinput");
      expect(rows[0]!.params).toContain("no\\u0000reason"); // JSON keeps its own escape: valid text
    });

    it("answers a search for text with a NUL like any other", async () => {
      const { rows } = await queryAudit(fresh.db, { actor: "ann@gavel.test\u0000", limit: 10 });
      expect(rows.map((r) => r.request_id)).toEqual(["req-nul"]);
    });

    it("stores a display name with a NUL and a lone surrogate as valid text", async () => {
      await upsertSeen(fresh.db, "room-nul", "opened");
      const c = await setDisplayName(fresh.db, "room-nul", "Weekly\u0000 sync \ud800");
      expect(c.displayName).toBe("Weekly sync \ufffd");
    });
  });
});
