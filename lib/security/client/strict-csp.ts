/**
 * What the browser side needs to run under the page's strict Content-Security-Policy
 * (lib/security/headers.ts) without a single violation report:
 * - Radix's dialogs lock scrolling with a <style> they insert at run time, nonced by
 *   get-nonce: it gets this page's nonce (the browser keeps it in `.nonce`).
 * - zod compiles object schemas with `new Function` when eval is allowed, and probes
 *   for it when it builds one; the probe alone is a reported violation. Jitless skips
 *   the probe. zod keeps its settings on `globalThis.__zod_globalConfig` (what
 *   `z.config()` writes; strict-csp.test.ts holds zod to it), so this sets it there
 *   without importing zod: the pages carry no zod, and a chunk loaded later that does
 *   (the callout forms) finds the setting already made.
 * Runs once, when app/providers.tsx loads, before anything parses or opens a dialog.
 */
import { setNonce } from "get-nonce";

declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

export function prepareForStrictCsp(): void {
  if (typeof document === "undefined") return;
  // Mutated, not replaced: a zod already loaded holds this very object.
  (globalThis.__zod_globalConfig ??= {}).jitless = true;
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
  if (nonce) setNonce(nonce);
}
