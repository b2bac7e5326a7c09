/** The audit trail's vocabulary. Client-safe. */
import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditDecider,
  type AuditHistoryFields,
  type AuditOutcome,
} from "../vocabulary/audit";

export {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  type AuditAction,
  type AuditDecider,
  type AuditOutcome,
} from "../vocabulary/audit";

/** What each outcome is called on screen, in the filter and in the history. */
export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  pending: "Pending",
  succeeded: "Succeeded",
  failed: "Failed",
  unknown: "Unknown",
  interrupted: "Interrupted",
};

/** One sentence per outcome for the filter's and the badge's title: what it means. */
export const AUDIT_OUTCOME_HINTS: Record<AuditOutcome, string> = {
  pending: "Sent to Sinch, no answer yet",
  succeeded: "Sinch confirmed it, or Gavel saw it take effect",
  failed: "Sinch refused it, it never reached Sinch, or Gavel saw it not take effect",
  unknown: "Sinch did not answer readably: Gavel is checking whether it happened",
  interrupted: "Gavel stopped while waiting for Sinch: checked again after the restart",
};

const DECIDER_LABELS: Record<AuditDecider, string> = {
  reconciliation: "reconciliation",
  sinch: "Sinch's answer",
  restart: "restart",
};

/** The label of an outcome stored by any Gavel version (an unknown one shows as stored). */
export function outcomeLabel(outcome: string): string {
  return (AUDIT_OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome;
}

/**
 * One change of outcome as a sentence: "Unknown → Succeeded by reconciliation at
 * 12:03:04: seen muted in Sinch's list". `time` formats the moment (the page uses the
 * reader's zone, the CSV UTC).
 */
export function describeHistory(h: Pick<AuditHistoryFields, "from" | "to" | "by" | "note">, time: string): string {
  const by = (DECIDER_LABELS as Record<string, string>)[h.by] ?? h.by;
  return `${outcomeLabel(h.from)} → ${outcomeLabel(h.to)} by ${by} at ${time}${h.note ? `: ${h.note}` : ""}`;
}

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
  "conference.forget": "Forget conference",
  "callout.conference": "Conference callout",
  "callout.tts": "Text-to-speech callout",
  "callout.custom": "Custom callout",
  "user.create": "Add user",
  "user.set_role": "Change role",
  "user.disable": "Disable user",
  "user.enable": "Enable user",
  "user.rename": "Rename user",
  "user.reset_password": "Reset password",
  "user.remove_demo": "Remove demo accounts",
  "user.sign_out_everywhere": "Sign user out everywhere",
  "token.create": "Create API token",
  "token.revoke": "Revoke API token",
  "directory.create": "Add contact",
  "directory.update": "Edit contact",
  "directory.delete": "Delete contact",
  "directory.import": "Import contacts",
  "policy.set": "Changed the room policies",
  "policy.speakers": "Set the speakers",
  // Past tense: the conference timeline reads them after who did it.
  "invites.add": "Added people to the expected list",
  "invites.remove": "Took someone off the expected list",
  "invites.dial": "Dialled everyone missing",
  "auth.sign_in": "Sign-in",
  "auth.sign_out": "Sign-out",
  "auth.sign_out_everywhere": "Sign out everywhere",
  "audit.export": "Audit export",
  "attendance.export": "Attendance export",
  "directory.export": "Directory export",
};

/** The filter's groups, in the order the select lists them. */
export const AUDIT_ACTION_GROUPS: { label: string; actions: readonly AuditAction[] }[] = [
  {
    label: "Participants",
    actions: AUDIT_ACTIONS.filter((a) => a.startsWith("participant.") || a.startsWith("bulk.")),
  },
  { label: "Conferences", actions: AUDIT_ACTIONS.filter((a) => a.startsWith("conference.")) },
  { label: "Callouts", actions: AUDIT_ACTIONS.filter((a) => a.startsWith("callout.")) },
  {
    label: "Users and sign-in",
    actions: AUDIT_ACTIONS.filter((a) => a.startsWith("user.") || a.startsWith("auth.") || a.startsWith("token.")),
  },
  { label: "Directory", actions: AUDIT_ACTIONS.filter((a) => a.startsWith("directory.") && !a.endsWith(".export")) },
  { label: "Invite lists", actions: AUDIT_ACTIONS.filter((a) => a.startsWith("invites.")) },
  { label: "Room policies", actions: AUDIT_ACTIONS.filter((a) => a.startsWith("policy.")) },
  { label: "Exports", actions: AUDIT_ACTIONS.filter((a) => a.endsWith(".export")) },
];

export function actionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
