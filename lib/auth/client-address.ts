/**
 * The client's address, for sign-in limits and the audit trail, from the socket's
 * peer and X-Forwarded-For as GAVEL_TRUSTED_PROXIES allows (lib/config/trusted-proxies.ts).
 *
 * What Next gives a route: `next start` sets x-forwarded-for to the socket's address
 * only when the request has none (`??=` in Next 16's base-server), so a header the
 * client sent arrives untouched and the socket's address is lost. Gavel therefore
 * stamps the socket's peer on every request itself (lib/auth/server/peer-stamp.ts)
 * and reads X-Forwarded-For only as far as the configuration trusts it:
 *
 *   none      the peer; X-Forwarded-For is ignored entirely
 *   hops N    the chain is [...X-Forwarded-For, peer]; the entry N from the right
 *             (each of the N proxies appended the address it received from)
 *   list      walk the chain from the right, skipping trusted proxies; the first
 *             address that is not one of them
 */
import net from "node:net";
import type { TrustedProxies } from "../config/trusted-proxies";

/** An address as Gavel records it: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) as plain IPv4; anything not an IP as "unknown". */
export function normalizeAddress(raw: string | undefined | null): string {
  let value = (raw ?? "").trim();
  if (value.startsWith("[") && value.includes("]")) value = value.slice(1, value.indexOf("]"));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(value)) value = value.slice(7);
  return net.isIP(value) === 0 ? "unknown" : value.toLowerCase();
}

function forwardedChain(forwardedFor: string | null | undefined): string[] {
  return (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function blockListOf(trust: Extract<TrustedProxies, { kind: "list" }>): net.BlockList {
  const list = new net.BlockList();
  for (const e of trust.entries) list.addSubnet(e.address, e.prefix, e.family === 4 ? "ipv4" : "ipv6");
  return list;
}

const blockLists = new WeakMap<object, net.BlockList>();

function isTrusted(trust: Extract<TrustedProxies, { kind: "list" }>, address: string): boolean {
  if (address === "unknown") return false;
  let list = blockLists.get(trust);
  if (!list) {
    list = blockListOf(trust);
    blockLists.set(trust, list);
  }
  return list.check(address, net.isIP(address) === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address. `peer` is the socket's remote address (undefined when it could
 * not be learned: then "unknown", and X-Forwarded-For is still trusted only as configured).
 */
export function clientAddress(
  input: { peer: string | undefined; forwardedFor: string | null | undefined },
  trust: TrustedProxies,
): string {
  const peer = normalizeAddress(input.peer);
  if (trust.kind === "none") return peer;
  const chain = [...forwardedChain(input.forwardedFor).map(normalizeAddress), peer];
  if (trust.kind === "hops") {
    // Fewer entries than trusted hops: the leftmost is the best anyone can say.
    return chain[Math.max(0, chain.length - 1 - trust.hops)] ?? peer;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = chain[i]!;
    if (!isTrusted(trust, address) || i === 0) return address;
  }
  return peer;
}
