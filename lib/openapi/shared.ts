/**
 * The parts of the OpenAPI document that no one contract declares: the error envelope
 * every route answers failures with (lib/api/errors.ts, as a zod schema held equal to
 * its type), the ways to authenticate, the tags, and next-auth's own routes, which
 * Gavel serves but does not declare (described loosely, as next-auth documents them).
 */
import { z } from "zod";
import { ERROR_STATUS, type ErrorCode, type ErrorEnvelope } from "../api/errors";
import type { ReplyAgreement } from "../api/endpoint";

const codes = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.enum(codes).describe("One of a closed list, each with its HTTP status (lib/api/errors.ts)"),
      message: z.string().describe("A sentence for people"),
      details: z
        .object({
          sinchErrorCode: z.number().optional(),
          sinchReference: z.string().optional(),
          sinchStatus: z.number().optional(),
          fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
          retryAfterSeconds: z.number().optional(),
        })
        .catchall(z.unknown())
        .optional(),
    }),
  })
  .describe("Gavel's one error envelope; the x-request-id header names the request in the server's log");

/** Compile-time: the schema's output is exactly the envelope's type. */
export const errorEnvelopeAgrees: ReplyAgreement<typeof errorEnvelopeSchema, ErrorEnvelope> = {};

export const SECURITY_SCHEMES = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The console's session cookie (named __Secure-next-auth.session-token over HTTPS), set by signing in " +
      "(POST /api/auth/callback/credentials or single sign-on). A state-changing request with a cookie must " +
      "come from Gavel's own pages (Sec-Fetch-Site or Origin).",
  },
  apiToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "gvl_<id>_<secret>",
    description:
      "An API token (Tokens page): acts as its user with that user's current role, audited as such. " +
      "Requests carrying only a token are not checked for origin. A token cannot make or revoke tokens.",
  },
  metricsToken: {
    type: "http",
    scheme: "bearer",
    description: "GAVEL_METRICS_TOKEN from the configuration; without one configured /api/metrics answers 404.",
  },
} as const;

/** One tag per contract, in the order the docs page lists them. */
export const TAGS: Record<string, { name: string; description: string }> = {
  conferencesApi: { name: "Conferences", description: "Conferences Gavel knows, who is in them, and moderation." },
  policiesApi: { name: "Room policies", description: "Mute on entry, the lobby, speakers and the Waiting list." },
  attendanceApi: { name: "Attendance", description: "A conference's timeline, recent leaves and attendance list." },
  invitesApi: { name: "Invites", description: "Who is expected in a conference, and dialling the missing." },
  calloutsApi: { name: "Callouts", description: "Calls Gavel places: conference, text-to-speech and custom." },
  directoryApi: { name: "Directory", description: "Contacts and their numbers; CSV import and export." },
  auditApi: { name: "Audit", description: "The audit trail (admins)." },
  usersApi: { name: "Users", description: "Gavel's users (admins)." },
  tokensApi: { name: "API tokens", description: "Bearer tokens for scripts: one's own, and anyone's (admins)." },
  sessionApi: { name: "Session", description: "One's own sessions." },
  monitoringApi: { name: "Monitoring", description: "Health, readiness and Prometheus metrics: no session." },
  apiDocsApi: { name: "API description", description: "This document." },
};

export const NEXT_AUTH_TAG = {
  name: "Sign-in (next-auth)",
  description:
    "next-auth's own routes under /api/auth/, served by app/api/auth/[...nextauth]/route.ts: not declared " +
    "in Gavel's contracts, so described here only as far as Gavel's clients use them. Credentials " +
    "sign-ins are throttled (429 with the error envelope).",
};

const anyJson = { content: { "application/json": { schema: { type: "object" } } } };
const form = {
  required: true,
  content: {
    "application/x-www-form-urlencoded": { schema: { type: "object", additionalProperties: { type: "string" } } },
  },
};
const nextAuth = (summary: string, extra: Record<string, unknown> = {}) => ({
  tags: [NEXT_AUTH_TAG.name],
  summary,
  security: [],
  "x-gavel-served-by": "next-auth",
  responses: {
    "200": { description: "next-auth's answer", ...anyJson },
    "302": { description: "A redirect (a browser's form post)" },
    "401": {
      description: "A refused sign-in: next-auth's {url} naming the error",
      content: { "application/json": { schema: { type: "object", properties: { url: { type: "string" } } } } },
    },
    "429": {
      description: "Too many sign-in attempts: next-auth's shape, with the sentence and when to try again",
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: {
              url: { type: "string" },
              error: { type: "string" },
              retryAfterSeconds: { type: "integer" },
            },
            required: ["url", "error", "retryAfterSeconds"],
          },
        },
      },
    },
    default: {
      description: "next-auth's JSON, or the error envelope for a body refused before next-auth reads it (411, 413)",
      ...anyJson,
    },
  },
  ...extra,
});
const providerParam = {
  name: "provider",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: '"credentials", or the single sign-on provider\'s id',
};

export const NEXT_AUTH_PATHS = {
  "/api/auth/session": {
    get: nextAuth("The session as next-auth sees it ({} when signed out)"),
    // useSession().update(): the console asks for its session again when the role changes (role-watcher).
    post: nextAuth("The session read again, as next-auth's update() asks for it (csrfToken)", {
      requestBody: { content: { "application/json": { schema: { type: "object" } } } },
    }),
  },
  "/api/auth/csrf": { get: nextAuth("A CSRF token to send with the sign-in and sign-out forms") },
  "/api/auth/providers": { get: nextAuth("The configured sign-in providers") },
  "/api/auth/signin/{provider}": {
    post: nextAuth("Start a sign-in with a provider", { parameters: [providerParam], requestBody: form }),
  },
  "/api/auth/callback/{provider}": {
    get: nextAuth("A single sign-on provider's redirect back", { parameters: [providerParam] }),
    post: nextAuth("Sign in: credentials (email, password, csrfToken) or a provider's form post", {
      parameters: [providerParam],
      requestBody: form,
    }),
  },
  "/api/auth/signout": {
    get: nextAuth("next-auth's sign-out page: redirects to the console's own"),
    post: nextAuth("Sign out (csrfToken)", { requestBody: form }),
  },
  "/api/auth/signin": { get: nextAuth("next-auth's sign-in page: redirects to the console's own (/login)") },
  "/api/auth/error": {
    get: nextAuth("next-auth's error page: redirects to the console's sign-in page with the error"),
  },
  // next-auth's client reports its own errors here (a session read that failed, say).
  "/api/auth/_log": {
    post: nextAuth("next-auth's client logging an error it met", { requestBody: form }),
  },
};

/** Route files that are in no contract, and why (the route-table test reads this). */
export const EXCLUDED_ROUTES = [
  {
    route: "app/api/[[...path]]/route.ts",
    methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    reason:
      "Not an operation: any /api path no route serves is answered 404 with the error envelope (405 with " +
      "Allow when the path exists under another method).",
  },
];
