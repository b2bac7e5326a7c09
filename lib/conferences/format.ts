/**
 * Phone numbers as people read them, on every page that shows one (the participant
 * list, the timeline, toasts). Formatting any country's number needs libphonenumber's
 * "min" metadata (each country's formats; about 19 kB gzip'd); "max" adds number
 * types and examples only validation uses. Parsing typed numbers, which the callout
 * forms do, is lib/callouts/phone.ts, loaded with those forms.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * Formatting parses the number with libphonenumber's metadata (tens of microseconds);
 * every poll of a 500-row list and every keystroke in its search box formats every
 * row again, so results are remembered, oldest forgotten first.
 */
const formatted = new Map<string, string>();
const FORMAT_CACHE_SIZE = 5000;

/** A number formatted for people: "+46 70 816 87 31". Anything unparseable is shown as sent. */
export function formatNumber(cli: string): string {
  if (!cli) return "Unknown number";
  const known = formatted.get(cli);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(cli.startsWith("+") ? cli : `+${cli}`);
  const result = parsed?.isPossible() ? parsed.formatInternational() : cli;
  if (formatted.size >= FORMAT_CACHE_SIZE) formatted.delete(formatted.keys().next().value!);
  formatted.set(cli, result);
  return result;
}
