/** What the room policies control draws: plain types, no zod (components import only these). */
import type { MohClass } from "../sinch/constants";

export type { MohClass };

export interface PolicySettingView {
  on: boolean;
  /** Who last turned it on or off (their email); null if never set. */
  setBy: string | null;
  /** ISO time; null if never set. */
  setAt: string | null;
}

export interface SpeakerView {
  /** Set when the speaker is a directory contact. */
  contactId: string | null;
  name: string | null;
  /** E.164: the bare number, or the contact's numbers. */
  numbers: string[];
}

/** A joiner the lobby put on hold who is still on hold. */
export interface WaitingView {
  callId: string;
  cli: string;
  /** ISO time the lobby held them. */
  since: string;
}

export interface RoomPoliciesView {
  conferenceId: string;
  muteOnEntry: PolicySettingView;
  lobby: PolicySettingView & { moh: MohClass };
  speakers: SpeakerView[];
  waiting: WaitingView[];
  /** Whether this process's watcher is polling the room now. */
  watching: boolean;
}

export const policyKeys = {
  room: (conferenceId: string) => ["policies", conferenceId] as const,
};
