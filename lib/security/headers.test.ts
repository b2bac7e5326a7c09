import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  API_CSP,
  HSTS_VALUE,
  PERMISSIONS_POLICY,
  STYLE_HASHES,
  newNonce,
  pageContentSecurityPolicy,
  pageSecurityHeaders,
  staticSecurityHeaders,
} from "./headers";

const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.split(" ")[0] === name);

describe("the page policy", () => {
  const csp = pageContentSecurityPolicy({ nonce: "abc123==", publicUrl: "http://localhost:3000" });

  it("runs scripts only with the request's nonce: no unsafe-inline, no eval in production", () => {
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it("allows style elements only by nonce or the known hashes", () => {
    for (const name of ["style-src", "style-src-elem"]) {
      const d = directive(csp, name) ?? "";
      expect(d).toContain("'nonce-abc123=='");
      expect(d).not.toContain("unsafe-inline");
      for (const h of Object.values(STYLE_HASHES)) expect(d).toContain(`'${h}'`);
    }
    expect(directive(csp, "style-src-attr")).toBe("style-src-attr 'unsafe-inline'");
  });

  it("closes framing, plugins, base URLs, foreign forms and connections", () => {
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
    expect(directive(csp, "form-action")).toBe("form-action 'self'");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self'");
    expect(directive(csp, "default-src")).toBe("default-src 'self'");
  });

  it("adds eval and the hot-reload socket only for next dev", () => {
    const dev = pageContentSecurityPolicy({ nonce: "n", dev: true });
    expect(directive(dev, "script-src")).toContain("'unsafe-eval'");
    expect(directive(dev, "connect-src")).toBe("connect-src 'self' ws: wss:");
  });

  it("sends HSTS and upgrades insecure requests only when NEXTAUTH_URL is https", () => {
    const https = pageSecurityHeaders({ nonce: "n", publicUrl: "https://gavel.example.com" });
    expect(https["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(HSTS_VALUE).toBe("max-age=63072000; includeSubDomains");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    for (const publicUrl of ["http://localhost:3000", "http://gavel.internal", undefined]) {
      const http = pageSecurityHeaders({ nonce: "n", publicUrl });
      expect(http["Strict-Transport-Security"]).toBeUndefined();
      expect(http["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    }
  });
});

describe("nonces", () => {
  it("are 128 random bits, different every time", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(seen.size).toBe(1000);
    for (const n of [...seen].slice(0, 10)) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("the static headers", () => {
  it("deny the features Gavel does not use, but not notifications, sound or the clipboard", () => {
    for (const f of ["camera", "microphone", "geolocation", "payment", "usb", "display-capture"]) {
      expect(PERMISSIONS_POLICY).toContain(`${f}=()`);
    }
    for (const f of ["notifications", "autoplay", "speaker-selection", "clipboard-write", "fullscreen"]) {
      expect(PERMISSIONS_POLICY).not.toContain(f);
    }
    const keys = staticSecurityHeaders().map((h) => h.key);
    expect(keys).toEqual(["X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy"]);
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe("the style hashes", () => {
  const hash = (css: string) => `sha256-${createHash("sha256").update(css, "utf8").digest("base64")}`;
  const read = (p: string) => readFileSync(path.join(process.cwd(), "node_modules", p), "utf8");

  it("match the CSS sonner inserts (an upgrade that changes it must update STYLE_HASHES.sonner)", () => {
    const m = /__insertCSS\("((?:[^"\\]|\\.)*)"\)/.exec(read("sonner/dist/index.mjs"));
    expect(m).not.toBeNull();
    expect(hash(JSON.parse(`"${m![1]}"`) as string)).toBe(STYLE_HASHES.sonner);
  });

  it("match Radix Select's viewport style", () => {
    const m = /data-radix-select-viewport[^`]*`/.exec(read("@radix-ui/react-select/dist/index.mjs"));
    const css = /__html: `([^`]*)`/.exec(read("@radix-ui/react-select/dist/index.mjs"))?.[1];
    expect(m).not.toBeNull();
    expect(hash(css ?? "")).toBe(STYLE_HASHES.radixSelectViewport);
    expect(hash("")).toBe(STYLE_HASHES.empty);
  });
});
