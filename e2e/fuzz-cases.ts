/**
 * What the fuzz suite (e2e/fuzz.spec.ts) sends: fast-check arbitraries for hostile
 * path segments, query strings and bodies, and a request plan per API route, read
 * from the contracts (lib/<feature>/contract.ts) so a new route is fuzzed without
 * anyone adding it here. A plan names its valid values by slot ("the fuzz room",
 * "a participant's callId"); the spec fills them in just before sending.
 */
import fc from "fast-check";
import type { Endpoint } from "../lib/api/endpoint";
import { attendanceApi } from "../lib/attendance/contract";
import { auditApi } from "../lib/audit/contract";
import { calloutsApi } from "../lib/callouts/contract";
import { conferencesApi } from "../lib/conferences/contract";
import { directoryApi } from "../lib/directory/contract";
import { tokensApi } from "../lib/tokens/contract";
import { usersApi } from "../lib/users/contract";
import { encodeSegment, hostileSegment, hostileString, type Segment } from "./fuzz-hostile";

export const API_ENDPOINTS: { ref: string; ep: Endpoint }[] = Object.entries({
  attendanceApi,
  auditApi,
  calloutsApi,
  conferencesApi,
  usersApi,
  directoryApi,
  tokensApi,
}).flatMap(([api, eps]) => Object.entries(eps).map(([name, ep]) => ({ ref: `${api}.${name}`, ep: ep as Endpoint })));

/** The valid values a plan may use; the spec makes them before each case. */
export interface Valid {
  conferenceId: string;
  callId: string;
  calloutId: string;
  userId: string;
  contactId: string;
  tokenId: string;
}
export type Slot = keyof Valid;

export type { Segment };

export interface Plan {
  ref: string;
  method: string;
  /** Static parts as strings, parameters as segments. */
  segments: (string | Segment)[];
  query: string;
  body: BodyPlan | undefined;
}

export type BodyPlan =
  | { kind: "template"; mutate: (valid: Valid) => unknown; hostile: string[] }
  | { kind: "raw"; text: string | Buffer; contentType: string | null; chunked: boolean; hostile: string[] };

// ------------------------------------------------------------------ query strings

function queryKeys(ep: Endpoint): string[] {
  const shape = (ep.query as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function queryArb(ep: Endpoint): fc.Arbitrary<{ query: string; hostile: string[] }> {
  const key = fc.oneof(
    fc.constantFrom(...queryKeys(ep), "__proto__", "constructor", "x"),
    hostileString.map(encodeSegment),
  );
  const value = fc.oneof(
    hostileString.map((s) => ({ raw: encodeSegment(s), hostile: s })),
    fc.constantFrom("%zz", "%E0%A4%A", "%", "a%00b").map((raw) => ({ raw, hostile: raw })),
  );
  return fc.array(fc.tuple(key, value), { maxLength: 4 }).map((pairs) => ({
    query: pairs.length ? "?" + pairs.map(([k, v]) => `${k}=${v.raw}`).join("&") : "",
    hostile: pairs.map(([, v]) => v.hostile),
  }));
}

// ------------------------------------------------------------------ bodies

/** A JSON value with hostile strings, prototype-pollution keys and wrong types. */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.constantFrom(1e308, -0, 2 ** 53 + 1, 0.5, -1),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc
      .array(
        fc.tuple(fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype"), hostileString), tie("value")),
        {
          maxLength: 4,
        },
      )
      .map((entries) => objectWithKeys(entries)),
  ),
})).value;

/** An object whose own keys may be "__proto__" (JSON.parse makes those own properties; assignment would not). */
function objectWithKeys(entries: [string, unknown][]): unknown {
  return JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`);
}

function deepText(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

const rawBody: fc.Arbitrary<BodyPlan> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom("{", "}", "[", "nul", "\u0000", '{"a":1,}', "1e999", "[]", "null", "0", '""', "\ufeff{}"),
      fc
        .tuple(fc.constantFrom(100, 5_000, 100_000), fc.constantFrom("array" as const, "object" as const))
        .map(([d, k]) => deepText(d, k)),
      // Around and over the body size limit.
      fc.constantFrom(200_000, 600_000, 2_000_000).map((n) => JSON.stringify({ conferenceId: "x".repeat(n) })),
      fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d])),
    ),
    fc.constantFrom("application/json", "application/json", "text/plain", "application/x-www-form-urlencoded", null),
    fc.boolean(),
  )
  .map(([text, contentType, chunked]) => ({ kind: "raw", text, contentType, chunked, hostile: [] }));

/** A valid body per route, to mutate one field at a time: the deep checks only run on otherwise valid input. */
const TEMPLATES: Record<string, (v: Valid) => Record<string, unknown>> = {
  "conferencesApi.open": (v) => ({ conferenceId: v.conferenceId }),
  "conferencesApi.update": () => ({ displayName: "Fuzz room", pinned: true }),
  "conferencesApi.manage": () => ({ command: "mute" }),
  "conferencesApi.kick": () => ({ reason: "fuzz" }),
  "conferencesApi.bulk": (v) => ({ action: "mute", callIds: [v.callId] }),
  "calloutsApi.place": (v) => ({
    type: "custom",
    destination: { type: "number", endpoint: "+12025550123" },
    label: "fuzz",
    ice: JSON.stringify({ action: { name: "connectConf", conferenceId: v.conferenceId } }),
  }),
  "calloutsApi.batch": (v) => ({ conferenceId: v.conferenceId, lines: [{ number: "+12025550124", label: "fuzz" }] }),
  "calloutsApi.retry": () => ({ confirmUnknown: true }),
  "usersApi.create": () => ({ email: "fuzz@gavel.test", name: "Fuzz", role: "support" }),
  "usersApi.update": () => ({ name: "Fuzz" }),
  "usersApi.resetPassword": () => ({ password: "generate" }),
  "directoryApi.create": () => ({ name: "Fuzz", numbers: ["+12025550125"], organisation: "F", notes: "n" }),
  "directoryApi.update": () => ({ name: "Fuzz", numbers: ["+12025550126"], organisation: "F", notes: "n" }),
  "directoryApi.previewImport": () => ({ text: "name,number\nFuzz,+12025550127" }),
  "directoryApi.import": () => ({ text: "name,number\nFuzz,+12025550128" }),
  "tokensApi.ownCreate": () => ({ name: "fuzz", expiresInDays: 7 }),
  "tokensApi.userCreate": () => ({ name: "fuzz", expiresInDays: 7 }),
};

function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [prefix];
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  return out;
}

function setAt(obj: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(obj) ? [...(obj as unknown[])] : { ...(obj as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

/** SVAML that is deep or large, inside an otherwise valid custom callout. */
const hostileSvaml = fc.oneof(
  fc.constantFrom(50, 1_000, 9_000).map((d) => `{"instructions":[${deepText(d, "array")}],"action":{"name":"hangup"}}`),
  fc.constant(`{"action":{"name":"hangup"},"instructions":[${'{"name":"say","text":"x"},'.repeat(2_000)}{}]}`),
);

function templateBody(ref: string): fc.Arbitrary<BodyPlan> | undefined {
  const template = TEMPLATES[ref];
  if (!template) return undefined;
  const sample = template({
    conferenceId: "c",
    callId: "x",
    calloutId: "x",
    userId: "x",
    contactId: "x",
    tokenId: "x",
  });
  const at = fc.constantFrom(...paths(sample));
  const value = fc.oneof(hostileString, hostileJson);
  const mutations: fc.Arbitrary<BodyPlan>[] = [
    fc.tuple(at, value).map(([path, v]) => ({
      kind: "template" as const,
      mutate: (valid: Valid) => setAt(template(valid), path, v),
      hostile: typeof v === "string" ? [v] : [],
    })),
    fc.tuple(fc.constantFrom("__proto__", "constructor", "extra"), hostileJson).map(([k, v]) => ({
      kind: "template" as const,
      mutate: (valid: Valid) => objectWithKeys([...Object.entries(template(valid)), [k, v]]),
      hostile: [],
    })),
  ];
  if (ref === "calloutsApi.place") {
    mutations.push(
      hostileSvaml.map((ice) => ({
        kind: "template" as const,
        mutate: (valid: Valid) => ({ ...template(valid), ice }),
        hostile: [],
      })),
    );
  }
  return fc.oneof(...mutations);
}

function bodyArb(ref: string, ep: Endpoint): fc.Arbitrary<BodyPlan | undefined> {
  const options: fc.WeightedArbitrary<BodyPlan | undefined>[] = [
    { weight: 2, arbitrary: hostileJson.map((v) => ({ kind: "template" as const, mutate: () => v, hostile: [] })) },
    { weight: 2, arbitrary: rawBody },
  ];
  const templated = templateBody(ref);
  if (templated) options.push({ weight: 6, arbitrary: templated });
  if (!ep.body) options.push({ weight: 4, arbitrary: fc.constant(undefined) });
  return fc.oneof(...options);
}

// ------------------------------------------------------------------ whole requests

const OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

function segmentsOf(ep: Endpoint): fc.Arbitrary<(string | Segment)[]> {
  const parts = ep.path.split("/").slice(1);
  return fc.tuple(
    ...parts.map((p): fc.Arbitrary<string | Segment> => {
      if (!p.startsWith(":")) return fc.constant(p);
      const slot = p.slice(1) as Slot;
      return fc.oneof({ weight: 1, arbitrary: fc.constant({ slot }) }, { weight: 3, arbitrary: hostileSegment });
    }),
  );
}

function planFor({ ref, ep }: { ref: string; ep: Endpoint }): fc.Arbitrary<Plan> {
  const extra = fc.oneof(
    { weight: 9, arbitrary: fc.constant<Segment[]>([]) },
    { weight: 1, arbitrary: hostileSegment.map((s) => [s]) },
  );
  return fc
    .record({
      method: fc.oneof(
        { weight: 8, arbitrary: fc.constant(ep.method) },
        { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
      ),
      segments: fc.tuple(segmentsOf(ep), extra).map(([s, e]) => [...s, ...e]),
      query: queryArb(ep),
      body: bodyArb(ref, ep),
    })
    .map(({ method, segments, query, body }) => ({ ref, method, segments, query: query.query, body }));
}

/** Any route of the contract, or next-auth's, or none at all (an unknown route under /api). */
export const requestPlan: fc.Arbitrary<Plan> = fc.oneof(
  { weight: 10, arbitrary: fc.oneof(...API_ENDPOINTS.map(planFor)) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        method: fc.constantFrom(...OTHER_METHODS),
        segments: fc.array(hostileSegment, { minLength: 1, maxLength: 3 }),
        auth: fc.boolean(),
      })
      .map(({ method, segments, auth }) => ({
        ref: auth ? "next-auth" : "unknown",
        method,
        segments: ["api", ...(auth ? ["auth"] : []), ...segments],
        query: "",
        body: undefined,
      })),
  },
);
