/**
 * The security headers Gavel sends (issue 11, finding 11), built in one place:
 * proxy.ts adds them to every page with a fresh nonce per request, next.config.js
 * adds the static ones to everything else (API answers, assets). Pure: no Next or
 * Node imports, so both (and the unit tests) can load it.
 *
 * Pages: a Content-Security-Policy whose scripts run only with the request's nonce
 * (Next puts it on its own scripts when the request carries the policy; the theme
 * script in app/layout.tsx reads it), no plugins, no framing, no foreign forms,
 * base URLs or connections. Style elements need the nonce too, or one of the two
 * hashes below (constant CSS that libraries insert at run time without a nonce).
 * Style *attributes* stay allowed (style-src-attr 'unsafe-inline'): React renders
 * them on the server (Radix's Select value, the virtualised participant list) and a
 * nonce cannot cover an attribute; an attribute has no selectors and can load
 * nothing that img-src/font-src do not allow, so it can neither read the page nor
 * send it anywhere.
 */

/**
 * Inline <style> elements that libraries insert without a nonce, allowed by hash.
 * lib/security/headers.test.ts recomputes each from node_modules, so an upgrade
 * that changes the CSS fails the test instead of silently unstyling the page.
 */
export const STYLE_HASHES = {
  /** sonner's toast CSS, inserted once when the module loads (sonner/dist/index.mjs, __insertCSS). */
  sonner: "sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY=",
  /** Radix Select's viewport rule (SelectViewport's <style>). */
  radixSelectViewport: "sha256-441zG27rExd4/il+NvIqyL8zFx5XmyNQtE381kSkUJk=",
  /** An empty <style>, as sonner inserts it before filling it in. */
  empty: "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
} as const;

/**
 * Browser features Gavel does not use, switched off for its pages and anything they
 * embed. Deliberately absent: notifications and sound (a later console feature
 * uses the Notification API and an audio cue; Permissions-Policy does not govern
 * Notification, and autoplay stays at the browser's default), clipboard-write
 * (the copy buttons), fullscreen.
 */
export const DENIED_FEATURES = [
  "accelerometer",
  "ambient-light-sensor",
  "bluetooth",
  "camera",
  "display-capture",
  "gamepad",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "local-fonts",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
] as const;

export const PERMISSIONS_POLICY = DENIED_FEATURES.map((f) => `${f}=()`).join(", ");

/** Two years, subdomains included: what browsers' preload lists ask for. Sent only over https. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/** For JSON and other non-page answers: nothing may load, nobody may frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** A fresh nonce: 128 random bits, base64 (the CSP grammar allows + / =). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** True when the configured public URL is https: then HSTS is sent and insecure requests upgraded. */
export function isHttpsUrl(publicUrl: string | undefined): boolean {
  return publicUrl !== undefined && /^https:\/\//i.test(publicUrl.trim());
}

export interface PagePolicyOptions {
  nonce: string;
  /** NEXTAUTH_URL: https adds upgrade-insecure-requests. */
  publicUrl?: string;
  /** `next dev` needs eval (React's error stacks) and a websocket for hot reload. */
  dev?: boolean;
}

/** The Content-Security-Policy of a page, for one request's nonce. */
export function pageContentSecurityPolicy({ nonce, publicUrl, dev = false }: PagePolicyOptions): string {
  const styleElements = ["'self'", `'nonce-${nonce}'`, ...Object.values(STYLE_HASHES).map((h) => `'${h}'`)];
  const directives: string[] = [
    "default-src 'self'",
    // 'strict-dynamic': a script the nonce allowed may load Next's chunks; host lists are then ignored.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src ${styleElements.join(" ")}`,
    `style-src-elem ${styleElements.join(" ")}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "base-uri 'self'",
    // Sign-in posts with fetch and then navigates (next-auth's signIn), so SSO's
    // redirect to the identity provider is not a form submission.
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (isHttpsUrl(publicUrl)) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Headers every answer gets, whatever it is (next.config.js sends them; they do not vary per request). */
export function staticSecurityHeaders(): Array<{ key: string; value: string }> {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
  ];
}

/** The per-request headers of a page answer (proxy.ts): its policy and, over https, HSTS. */
export function pageSecurityHeaders(opts: PagePolicyOptions): Record<string, string> {
  return {
    "Content-Security-Policy": pageContentSecurityPolicy(opts),
    ...(isHttpsUrl(opts.publicUrl) ? { "Strict-Transport-Security": HSTS_VALUE } : {}),
  };
}

/** The nonce of a page's request, as proxy.ts hands it to the rendering (app/layout.tsx reads it). */
export const NONCE_HEADER = "x-nonce";
