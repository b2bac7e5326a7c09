/** The audit trail's vocabulary. Client-safe. */
import { AUDIT_ACTIONS, type AuditAction } from "../vocabulary/audit";

export { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from "../vocabulary/audit";

/** What each action is called on screen and in the filter. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "participant.mute": "Mute",
  "participant.unmute": "Unmute",
  "participant.hold": "Hold",
  "participant.resume": "Resume",
  "participant.kick": "Kick",
  "bulk.mute": "Bulk mute",
  "bulk.unmute": "Bulk unmute",
  "bulk.hold": "Bulk hold",
  "bulk.resume": "Bulk resume",
  "bulk.kick": "Bulk kick",
  "conference.kick_all": "End meeting (kick all)",
  "conference.rename": "Rename conference",
  "conference.pin": "Pin conference",
  "conference.unpin": "Unpin conference",
  "callout.conference": "Conference callout",
  "callout.tts": "Text-to-speech callout",
  "callout.custom": "Custom callout",
  "user.create": "Add user",
  "user.set_role": "Change role",
  "user.disable": "Disable user",
  "user.enable": "Enable user",
  "user.reset_password": "Reset password",
  "auth.sign_in": "Sign-in",
  "audit.export": "Audit export",
  "attendance.export": "Attendance export",
};

/** The filter's groups, in the order the select lists them. */
export const AUDIT_ACTION_GROUPS: { label: string; actions: readonly AuditAction[] }[] = [
  {
    label: "Participants",
    actions: AUDIT_ACTIONS.filter((a) => a.startsWith("participant.") || a.startsWith("bulk.")),
  },
  { label: "Conferences", actions: AUDIT_ACTIONS.filter((a) => a.startsWith("conference.")) },
  { label: "Callouts", actions: AUDIT_ACTIONS.filter((a) => a.startsWith("callout.")) },
  { label: "Users and sign-in", actions: AUDIT_ACTIONS.filter((a) => a.startsWith("user.") || a.startsWith("auth.")) },
  { label: "Exports", actions: AUDIT_ACTIONS.filter((a) => a.endsWith(".export")) },
];

export function actionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
