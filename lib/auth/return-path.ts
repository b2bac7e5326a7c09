/**
 * Only same-origin paths may be returned to after sign-in: "/x" yes;
 * "//evil.com", "/\\evil.com", "https://evil.com" and anything odd fall back to "/".
 */
export function safeReturnPath(raw: string | null | undefined, origin?: string): string {
  if (!raw) return "/";
  let candidate = raw.trim();
  // next-auth hands back absolute URLs on its own origin.
  if (origin && candidate.startsWith(origin + "/")) candidate = candidate.slice(origin.length);
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(candidate)) return "/";
  if (candidate.startsWith("/login")) return "/";
  return candidate;
}
