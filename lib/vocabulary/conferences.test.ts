/**
 * Conference and call ids refuse NUL and other control characters, and say so
 * (issue 11, finding 9): such ids reached Sinch, then failed PostgreSQL's audit
 * insert or SQLite's CHECK with a 500.
 */
import { describe, expect, it } from "vitest";
import { callIdSchema, conferenceIdSchema } from "./conferences";
import { CALL_ID_MAX, CONFERENCE_ID_MAX, idProblem } from "./ids";

const message = (schema: typeof conferenceIdSchema, id: string) => schema.safeParse(id).error?.issues[0]?.message;

describe("ids", () => {
  it.each(["\u0000room", "ro\u0000om", "room\n", "tab\there", "\u001b[31m", "del\u007f", "nel\u0085"])(
    "refuse %j, saying why",
    (id) => {
      expect(message(conferenceIdSchema, id)).toBe(
        "conferenceId must not contain control characters (such as NUL or a line break)",
      );
      expect(message(callIdSchema, id)).toBe(
        "callId must not contain control characters (such as NUL or a line break)",
      );
    },
  );

  it("refuse text that is not valid Unicode (a lone surrogate has no UTF-8 form)", () => {
    expect(message(conferenceIdSchema, "room\ud800")).toBe("conferenceId must be valid Unicode text");
  });

  it("are bounded", () => {
    expect(message(conferenceIdSchema, "x".repeat(10_240))).toBe("conferenceId must be at most 64 characters");
    expect(message(callIdSchema, "x".repeat(10_240))).toBe("callId must be at most 128 characters");
  });

  it("accept ids with unicode, spaces and punctuation", () => {
    for (const id of ["weekly-sync", "Åsa's room", "a/b", "😀", "sales 2026"]) {
      expect(conferenceIdSchema.safeParse(id).success, id).toBe(true);
    }
  });
});

describe("the browser's check (./ids.ts)", () => {
  const ids = ["", "x".repeat(64), "x".repeat(65), "x".repeat(129), "\u0000room", "tab\there", "nel\u0085"];
  ids.push("room\ud800", ".", "..", "...", "weekly-sync", "Åsa's room", "😀", " ", "a/b");
  it.each(ids)("agrees with the server's schemas on %j", (id) => {
    expect(idProblem("conferenceId", CONFERENCE_ID_MAX, id)).toBe(message(conferenceIdSchema, id) ?? null);
    expect(idProblem("callId", CALL_ID_MAX, id)).toBe(message(callIdSchema, id) ?? null);
  });
});
