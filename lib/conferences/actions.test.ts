import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "../audit/types";
import { PARTICIPANT_COMMANDS } from "../sinch/schemas";
import { actionOfCommand, commandOf, MODERATION_ACTIONS } from "./actions";
import { BULK_ACTIONS } from "./schemas";

describe("the moderation action table", () => {
  it("translates hold to Sinch's onhold and back", () => {
    expect(commandOf("hold")).toBe("onhold");
    expect(actionOfCommand("onhold")).toBe("hold");
    expect(MODERATION_ACTIONS.hold.audit).toBe("participant.hold");
  });
  it("covers every Sinch command, round trip", () => {
    for (const command of PARTICIPANT_COMMANDS) expect(commandOf(actionOfCommand(command))).toBe(command);
  });
  it("names only audit actions the trail knows, one per action", () => {
    const names = BULK_ACTIONS.flatMap((a) => [MODERATION_ACTIONS[a].audit, MODERATION_ACTIONS[a].bulkAudit]);
    for (const name of names) expect(AUDIT_ACTIONS).toContain(name);
    expect(new Set(names).size).toBe(names.length);
  });
});
