/**
 * One moderation action, three spellings, and the one table that translates them.
 * Pure and client-safe: the console (optimistic rows) and the server (commands,
 * audit) both read it.
 *
 * Why three names for "hold":
 * - `hold` is Gavel's own action: the bulk API's `action`, the console's words.
 * - `onhold` is Sinch's wire command (`PATCH .../participants/{callId}`), and the
 *   single-participant route's `command` passes it through. Sinch fixes it.
 * - `participant.hold` / `bulk.hold` are the audit trail's stored actions. Existing
 *   rows and saved filters use them, so they cannot be renamed either.
 * Mute, unmute and resume happen to be spelled the same on the wire; kick has no
 * wire command (it is a DELETE of the participant).
 */
import type { AuditAction } from "../audit/types";
import type { ParticipantCommand } from "../sinch/schemas";
import type { BulkAction } from "./schemas";

/** Gavel's actions on a participant (the bulk API's vocabulary). */
export type ModerationAction = BulkAction;

/** Actions that are a Sinch participant command; kick is not. */
export type CommandAction = Exclude<ModerationAction, "kick">;

interface ActionNames {
  /** Sinch's wire command, or null for kick (a DELETE). */
  command: ParticipantCommand | null;
  /** The audit action for one participant. */
  audit: AuditAction;
  /** The audit action for the bulk request's summary entry. */
  bulkAudit: AuditAction;
}

export const MODERATION_ACTIONS = {
  mute: { command: "mute", audit: "participant.mute", bulkAudit: "bulk.mute" },
  unmute: { command: "unmute", audit: "participant.unmute", bulkAudit: "bulk.unmute" },
  hold: { command: "onhold", audit: "participant.hold", bulkAudit: "bulk.hold" },
  resume: { command: "resume", audit: "participant.resume", bulkAudit: "bulk.resume" },
  kick: { command: null, audit: "participant.kick", bulkAudit: "bulk.kick" },
} as const satisfies Record<ModerationAction, ActionNames>;

const COMMAND_ACTIONS: readonly CommandAction[] = ["mute", "unmute", "hold", "resume"];

/** Sinch's wire command for a Gavel action: hold → onhold. */
export function commandOf(action: CommandAction): ParticipantCommand {
  return MODERATION_ACTIONS[action].command;
}

/** Gavel's action for a Sinch wire command: onhold → hold. */
export function actionOfCommand(command: ParticipantCommand): CommandAction {
  const found = COMMAND_ACTIONS.find((a) => MODERATION_ACTIONS[a].command === command);
  // PARTICIPANT_COMMANDS and the table are both closed lists; the unit test checks they match.
  if (!found) throw new Error(`no Gavel action for the Sinch command ${command}`);
  return found;
}
