/**
 * The client's address, for sign-in rate limits and the audit trail.
 *
 * Next.js sets x-forwarded-for to the socket's address when no proxy did; behind a
 * reverse proxy, the proxy's entry is the last one. The last entry is the one hop
 * Gavel can trust; earlier entries are whatever the client claimed.
 */
export function clientAddressFromHeaders(
  headers: Headers | Record<string, string | string[] | undefined> | undefined,
): string {
  if (!headers) return "unknown";
  const raw =
    headers instanceof Headers
      ? headers.get("x-forwarded-for")
      : (() => {
          const v = headers["x-forwarded-for"];
          return Array.isArray(v) ? v.join(",") : v;
        })();
  const last = raw
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  return last ?? "unknown";
}
