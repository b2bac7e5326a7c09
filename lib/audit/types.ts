/** The audit trail's vocabulary. Client-safe. */
export const AUDIT_ACTIONS = [
  "participant.mute",
  "participant.unmute",
  "participant.hold",
  "participant.resume",
  "participant.kick",
  "bulk.mute",
  "bulk.unmute",
  "bulk.hold",
  "bulk.resume",
  "bulk.kick",
  "conference.kick_all",
  "conference.rename",
  "conference.pin",
  "conference.unpin",
  "callout.conference",
  "callout.tts",
  "callout.custom",
  "user.create",
  "user.set_role",
  "user.disable",
  "user.enable",
  "user.reset_password",
  "auth.sign_in",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = "succeeded" | "failed";
