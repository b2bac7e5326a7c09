/**
 * Text from outside Gavel (an upstream's free-text error message, a header it sent)
 * made fit to show to a person and to store: no control or invisible formatting
 * characters (which rewrite a log line or reorder what a reader sees), no markup,
 * one line, and at most `max` characters. The full text, when it matters, goes to
 * the server log, never to a browser.
 */

/** C0 and C1 controls, DEL, and the invisible ones: zero-width, bidi embeddings, overrides and isolates, BOM. */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]/g;
/** Anything shaped like a tag or an HTML comment, then any bracket left over. */
const TAG = /<!--[\s\S]*?-->|<\/?[A-Za-z!?][^<>]*>/g;

export const ELLIPSIS = "…";

export function boundedText(input: unknown, max: number): string {
  if (typeof input !== "string") return "";
  let text = input.replace(/[\t\r\n\f\v]+/g, " ").replace(INVISIBLE, "");
  text = text.replace(TAG, " ").replace(/[<>]/g, "");
  text = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return (
    chars
      .slice(0, Math.max(0, max - 1))
      .join("")
      .trimEnd() + ELLIPSIS
  );
}
