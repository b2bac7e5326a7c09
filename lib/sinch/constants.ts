/**
 * The few values of Sinch's wire the browser needs (hold-music classes, participant
 * commands, the text-to-speech limit), apart from the zod schemas in ./schemas.ts
 * so that importing them does not bring zod into a page's JavaScript.
 */
export const MOH_CLASSES = ["ring", "music1", "music2", "music3"] as const;
export type MohClass = (typeof MOH_CLASSES)[number];

export const PARTICIPANT_COMMANDS = ["mute", "unmute", "onhold", "resume"] as const;
export type ParticipantCommand = (typeof PARTICIPANT_COMMANDS)[number];

export const TTS_MAX_CHARS = 600;
