/**
 * What the browser side needs to run under the page's strict Content-Security-Policy
 * (lib/security/headers.ts) without a single violation report:
 * - Radix's dialogs lock scrolling with a <style> they insert at run time, nonced by
 *   get-nonce: it gets this page's nonce (the browser keeps it in `.nonce`).
 * - zod compiles object schemas with `new Function` when eval is allowed, and probes
 *   for it once; the probe alone is a reported violation. Jitless skips the probe.
 * Runs once, when app/providers.tsx loads, before anything parses or opens a dialog.
 */
import { setNonce } from "get-nonce";
import { z } from "zod";

export function prepareForStrictCsp(): void {
  if (typeof document === "undefined") return;
  z.config({ jitless: true });
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  if (nonce) setNonce(nonce);
}
