/**
 * The names of Sinch's hold music classes as the console says them, and what Gavel
 * can say about the music a held participant hears. Sinch's conference info reports
 * only `onhold`, never the music: a row names it only when Gavel's own audited hold
 * command asked for it (lib/conferences/server/hold-music.ts). Pure and client-safe.
 */
import { MOH_CLASSES, type MohClass } from "../sinch/constants";

export const MOH_LABELS: Record<MohClass, string> = {
  ring: "Ring tone",
  music1: "Music 1",
  music2: "Music 2",
  music3: "Music 3",
};

export function isMohClass(v: unknown): v is MohClass {
  return typeof v === "string" && (MOH_CLASSES as readonly string[]).includes(v);
}

/** "Music 2" for a known class; null for anything else (absent, or a value Gavel does not know). */
export function mohLabel(v: unknown): string | null {
  return isMohClass(v) ? MOH_LABELS[v] : null;
}

/** What a held row's badge says, and its explanation on hover. */
export function holdBadge(holdMusic: MohClass | null | undefined): { text: string; title: string } {
  const name = mohLabel(holdMusic);
  if (name) {
    return {
      text: `On hold · ${name}`,
      title: `Gavel put this participant on hold with ${name}. Sinch does not report the music, so this is what Gavel asked for.`,
    };
  }
  return {
    text: "On hold",
    title:
      "On hold; the music is not known (Sinch does not report it, and Gavel did not put this participant on hold).",
  };
}

/** " with Music 2" for an audit entry's params naming a known class, else "". */
export function withMusic(params: Record<string, unknown> | null | undefined): string {
  const name = mohLabel(params?.moh);
  return name ? ` with ${name}` : "";
}
