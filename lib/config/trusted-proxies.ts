/**
 * GAVEL_TRUSTED_PROXIES: which reverse proxies in front of Gavel may say who the
 * client is (through X-Forwarded-For). Parsed here, at start-up, so a typo stops the
 * server with a clear message instead of silently trusting nobody (or everybody).
 *
 *   empty or 0          trust no proxy: X-Forwarded-For is ignored, the socket's peer is the client
 *   a whole number N    N proxies in front of Gavel, each appending to X-Forwarded-For
 *   a comma list        the addresses or CIDR ranges of trusted proxies (10.0.0.0/8, ::1, 192.0.2.7)
 */
import net from "node:net";

export type TrustedProxies =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "list"; entries: readonly { address: string; prefix: number; family: 4 | 6 }[] };

/** The setting, or an Error whose message says what is wrong with it. */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies | Error {
  const value = (raw ?? "").trim();
  if (value === "" || value === "0") return { kind: "none" };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) return new Error(`must be 0 to 10 proxy hops, or a list of addresses, got "${value}"`);
    return { kind: "hops", hops };
  }
  const entries: { address: string; prefix: number; family: 4 | 6 }[] = [];
  for (const part of value.split(",").map((s) => s.trim())) {
    if (part === "") continue;
    const [address = "", bits] = part.split("/");
    const family = net.isIP(address);
    if (family === 0) return new Error(`"${part}" is not an IP address or CIDR range (e.g. 10.0.0.0/8 or ::1)`);
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!/^\d+$/.test(bits ?? String(max)) || prefix > max) {
      return new Error(`"${part}" has a bad prefix length (0 to ${max})`);
    }
    entries.push({ address, prefix, family: family as 4 | 6 });
  }
  if (entries.length === 0) return { kind: "none" };
  return { kind: "list", entries };
}
