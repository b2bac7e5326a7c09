import { describe, expect, it } from "vitest";
import { parseTrustedProxies, type TrustedProxies } from "../config/trusted-proxies";
import { clientAddress, normalizeAddress } from "./client-address";

function trust(raw: string): TrustedProxies {
  const t = parseTrustedProxies(raw);
  if (t instanceof Error) throw t;
  return t;
}

describe("the client address", () => {
  it("ignores X-Forwarded-For entirely without trusted proxies: a rotating header gains nothing", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      seen.add(clientAddress({ peer: "203.0.113.9", forwardedFor: `10.0.${i}.1, 198.51.100.${i}` }, trust("")));
    }
    expect([...seen]).toEqual(["203.0.113.9"]);
    expect(clientAddress({ peer: "::ffff:127.0.0.1", forwardedFor: "1.2.3.4" }, trust("0"))).toBe("127.0.0.1");
  });

  it("takes the entry N hops from the right with N trusted proxies, whatever the client prepended", () => {
    // The client claims 6.6.6.6; the one proxy appended the address it saw (198.51.100.7).
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.7" }, trust("1"))).toBe("198.51.100.7");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.7, 10.0.0.9" }, trust("2"))).toBe(
      "198.51.100.7",
    );
    // Fewer entries than hops: the leftmost is the best anyone can say.
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "198.51.100.7" }, trust("3"))).toBe("198.51.100.7");
  });

  it("walks right to left past listed proxies and stops at the first address not trusted", () => {
    const t = trust("10.0.0.0/8, ::1");
    expect(clientAddress({ peer: "10.1.2.3", forwardedFor: "6.6.6.6, 198.51.100.7, 10.9.9.9" }, t)).toBe(
      "198.51.100.7",
    );
    // A peer that is not a trusted proxy is the client, whatever it forwards.
    expect(clientAddress({ peer: "198.51.100.20", forwardedFor: "6.6.6.6" }, t)).toBe("198.51.100.20");
  });

  it("records anything that is not an IP address as unknown", () => {
    expect(normalizeAddress("<script>")).toBe("unknown");
    expect(normalizeAddress(undefined)).toBe("unknown");
    expect(clientAddress({ peer: undefined, forwardedFor: "1.2.3.4" }, trust(""))).toBe("unknown");
    expect(clientAddress({ peer: "10.0.0.1", forwardedFor: "not-an-ip" }, trust("1"))).toBe("unknown");
  });

  it("refuses a setting that is neither a hop count nor addresses, saying why", () => {
    expect(parseTrustedProxies("yes")).toBeInstanceOf(Error);
    expect(parseTrustedProxies("10.0.0.0/33")).toBeInstanceOf(Error);
    expect(parseTrustedProxies("11")).toBeInstanceOf(Error);
    expect(trust("2")).toEqual({ kind: "hops", hops: 2 });
  });
});
