import { parsePhoneNumberFromString } from "libphonenumber-js";

/** A number formatted for people: "+46 70 816 87 31". Anything unparseable is shown as sent. */
export function formatNumber(cli: string): string {
  if (!cli) return "Unknown number";
  const parsed = parsePhoneNumberFromString(cli.startsWith("+") ? cli : `+${cli}`);
  return parsed?.isPossible() ? parsed.formatInternational() : cli;
}
