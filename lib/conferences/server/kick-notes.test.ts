/** The kick notes stay bounded: past MAX_KICK_NOTES the oldest note goes. */
import { describe, expect, it } from "vitest";
import { kickNote, kickNoteCount, MAX_KICK_NOTES, noteKick } from "./kick-notes";

describe("kick notes", () => {
  it("keeps at most MAX_KICK_NOTES, dropping the oldest", async () => {
    const actor = { id: "u1", email: "mod@gavel.test", role: "moderator" as const };
    for (let i = 0; i < MAX_KICK_NOTES + 50; i++) await noteKick("room", `call-${i}`, actor, "noise");
    expect(kickNoteCount()).toBe(MAX_KICK_NOTES);
    expect(kickNote("room", "call-0")).toBeUndefined();
    expect(kickNote("room", `call-${MAX_KICK_NOTES + 49}`)).toMatchObject({
      actorEmail: "mod@gavel.test",
      reason: "noise",
    });
  });
});
