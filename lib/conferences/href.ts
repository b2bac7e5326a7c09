/** The console's address for a conference, and back. Client-safe. */

const PREFIX = "/conferences/";

/** The console page of a conference; the id is one encoded path segment ("/", "%", "#", "?" included). */
export function conferenceHref(id: string): string {
  return `${PREFIX}${encodeURIComponent(id)}`;
}

/**
 * The conference id of a console address, from the pathname as the URL holds it
 * (percent-encoded, as usePathname() returns it): exact whatever the id contains.
 * Null when the address is not a conference page or is not valid percent-encoding.
 */
export function conferenceIdFromPathname(pathname: string | null | undefined): string | null {
  if (!pathname?.startsWith(PREFIX)) return null;
  const segment = pathname.slice(PREFIX.length).replace(/\/$/, "");
  if (!segment || segment.includes("/")) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
