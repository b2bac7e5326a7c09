/**
 * The fuzz suite: every API route's path parameters, query and body with hostile
 * input (traversal, encoded slashes, malformed percent-encoding, NUL and control
 * characters, 10 kB ids, unicode, prototype-pollution keys, wrong types, deep
 * nesting, bodies over the limit), sent over real HTTP, byte for byte, to the
 * production build. Properties, for every answer:
 *
 * - never a 5xx, never a redirect;
 * - an x-request-id header, and for every failure the error envelope whose code
 *   matches the status;
 * - the emulator (Sinch) was sent nothing built from input Gavel refused, and no
 *   request whose path carries a control character.
 *
 * First every route gets each known-bad path segment in each parameter (a fixed
 * corpus), then FUZZ_RUNS (default 300) generated requests from a fixed seed
 * (FUZZ_SEED). `npm run fuzz` runs 5000. Failures are collected, not stopped at, and
 * printed together, each with what was sent, so a run says how much is wrong.
 */
import { writeFileSync } from "node:fs";
import fc from "fast-check";
import { ERROR_STATUS } from "../lib/api/errors";
import type { LoggedRequest } from "../lib/sinch/emulator/request-log";
import type { UserView } from "../lib/users/schemas";
import type { PlaceCalloutResponse } from "../lib/callouts/contract";
import { expect, test } from "./fixtures";
import { API_ENDPOINTS, requestPlan, type Plan, type Segment, type Valid } from "./fuzz-cases";
import { BASE_URL, emulator, uniqueConferenceId } from "./helpers";
import { rawRequest, type RawAnswer } from "./raw-http";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const SAME_ORIGIN = { origin: BASE_URL };

/** Every parameter of every route, in turn, holding each segment of the corpus. */
const CORPUS = [
  "..",
  ".",
  "%2e%2e",
  "%2e",
  "%zz",
  "%E0%A4%A",
  "%ED%A0%80",
  "a%00b",
  "%00",
  "%01",
  "%0A",
  "%7F",
  "%C2%85",
  "a\\b",
  "",
  "x/",
  "a".repeat(10_240),
];

function corpusPlans(): Plan[] {
  const plans: Plan[] = [];
  for (const { ref, ep } of API_ENDPOINTS) {
    const parts = ep.path.split("/").slice(1);
    parts.forEach((p, i) => {
      if (!p.startsWith(":")) return;
      for (const raw of CORPUS) {
        const segments = parts.map((q, j): string | Segment =>
          j === i ? { raw, hostile: raw } : q.startsWith(":") ? { slot: q.slice(1) as keyof Valid } : q,
        );
        plans.push({ ref, method: ep.method, segments, query: "", body: undefined });
      }
    });
    const slots = parts.map((q): string | Segment => (q.startsWith(":") ? { slot: q.slice(1) as keyof Valid } : q));
    const withBody = (body: Plan["body"]) => plans.push({ ref, method: ep.method, segments: slots, query: "", body });
    if (ep.body) {
      // Over the body size limit, announced (Content-Length) and not (chunked).
      const big = JSON.stringify({ conferenceId: "x".repeat(2_000_000) });
      withBody({ kind: "raw", text: big, contentType: "application/json", chunked: false, hostile: [] });
      withBody({ kind: "raw", text: big, contentType: "application/json", chunked: true, hostile: [] });
    }
    if (ref === "calloutsApi.place") {
      const ice = `{"instructions":[${"[".repeat(9_000)}${"]".repeat(9_000)}],"action":{"name":"hangup"}}`;
      const custom = { type: "custom", destination: { type: "number", endpoint: "+12025550123" }, ice };
      withBody({ kind: "template", mutate: () => custom, hostile: [] });
    }
    if (ref === "conferencesApi.open") {
      for (const id of ["\u0000room", "ro\u0000om", "room\u0001", "\u0085"]) {
        withBody({ kind: "template", mutate: () => ({ conferenceId: id }), hostile: [id] });
      }
    }
  }
  return plans;
}

interface Failure {
  why: string;
  sent: string;
  got: string;
}

const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f]/;

function isEnvelope(text: string, status: number): boolean {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code = body.error?.code;
    return (
      typeof code === "string" &&
      typeof body.error?.message === "string" &&
      (ERROR_STATUS as Record<string, number>)[code] === status
    );
  } catch {
    return false;
  }
}

/** Gavel refused the request itself (nothing should have gone to Sinch). */
function refusedByGavel(answer: RawAnswer): boolean {
  if (answer.status < 400) return false;
  try {
    const body = JSON.parse(answer.text) as { error?: { code?: string; details?: { sinchStatus?: number } } };
    if (body.error?.details?.sinchStatus !== undefined) return false;
    return ["validation_failed", "method_not_allowed", "payload_too_large", "headers_too_large"].includes(
      body.error?.code ?? "",
    );
  } catch {
    return answer.status === 405 || answer.status === 413 || answer.status === 431;
  }
}

function entryText(e: LoggedRequest): string {
  return `${e.decodedPath} ${JSON.stringify(e.body)}`;
}

test.describe.configure({ mode: "serial" });

test("hostile input gets the envelope, never a 5xx, and never reaches Sinch", async ({ apiAs }) => {
  test.setTimeout(Math.max(300_000, RUNS * 600));
  const admin = await apiAs("admin");
  const cookie = (await admin.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");

  const user = await admin.post("/api/users", {
    data: { email: `fuzz-${Date.now()}@gavel.test`, name: "Fuzz Target", role: "support" },
    headers: SAME_ORIGIN,
  });
  expect(user.status()).toBe(200);
  const userId = ((await user.json()) as { user: UserView }).user.id;
  const placed = await admin.post("/api/callouts", {
    data: {
      type: "conference",
      destination: { type: "number", endpoint: "+442079460500" },
      conferenceId: "fuzz-retry",
    },
    headers: SAME_ORIGIN,
  });
  expect(placed.status()).toBe(200);
  const calloutId = ((await placed.json()) as PlaceCalloutResponse).callout.id;
  const contact = await admin.post("/api/directory/contacts", {
    data: { name: "Fuzz Contact", numbers: [`+1202${String(200 + (Date.now() % 800))}0129`] },
    headers: SAME_ORIGIN,
  });
  expect(contact.status()).toBe(200);
  const contactId = ((await contact.json()) as { contact: { id: string } }).contact.id;
  const apiToken = await admin.post(`/api/users/${userId}/tokens`, {
    data: { name: "Fuzz token", expiresInDays: 1 },
    headers: SAME_ORIGIN,
  });
  expect(apiToken.status()).toBe(200);
  const tokenId = ((await apiToken.json()) as { apiToken: { id: string } }).apiToken.id;

  const plans = [...corpusPlans(), ...fc.sample(requestPlan, { numRuns: RUNS, seed: SEED })];
  const failures: Failure[] = [];
  const rooms: string[] = [];
  let lastSent = "";

  for (const plan of plans) {
    const conferenceId = uniqueConferenceId("fuzz");
    rooms.push(conferenceId);
    const room = await emulator.putRoom(conferenceId, [{ cli: "+46708168731" }, { cli: "+447700900123" }]);
    const valid: Valid = { conferenceId, callId: room.participants[0]!.callId, calloutId, userId, contactId, tokenId };
    const path =
      "/" +
      plan.segments
        .map((s) => (typeof s === "string" ? s : "slot" in s ? encodeURIComponent(valid[s.slot]) : s.raw))
        .join("/") +
      plan.query;
    const hostile = [
      ...plan.segments.flatMap((s) => (typeof s === "object" && "hostile" in s ? [s.hostile] : [])),
      ...(plan.body?.hostile ?? []),
    ];

    const headers: Record<string, string> = { cookie, ...SAME_ORIGIN };
    let body: string | Buffer | Iterable<Buffer> | undefined;
    // A request line over Node's 16 KiB is answered 431 and the connection closed as
    // soon as it is read: a body still being written would only meet a closed socket.
    const overlong = path.length > 14_000;
    if (overlong) {
      // no body
    } else if (plan.body?.kind === "template") {
      body = JSON.stringify(plan.body.mutate(valid)) ?? "null";
      headers["content-type"] = "application/json";
    } else if (plan.body?.kind === "raw") {
      const bytes = Buffer.from(plan.body.text);
      if (plan.body.contentType) headers["content-type"] = plan.body.contentType;
      body = plan.body.chunked ? chunks(bytes) : bytes;
    }
    const sent = `${plan.ref}: ${plan.method} ${clip(path)} ${body === undefined ? "" : clip(bodyText(body))}`;
    const previous = lastSent;
    lastSent = sent;

    const before = await emulator.lastSeq();
    let answer: RawAnswer;
    try {
      answer = await rawRequest({ method: plan.method, path, headers, body });
    } catch (e) {
      failures.push({ why: "no answer", sent, got: `${String(e)} (the request before: ${previous})` });
      continue;
    }
    const got = `${answer.status} ${clip(answer.text)}`;
    if (answer.status >= 500) failures.push({ why: "5xx", sent, got });
    if (answer.status >= 300 && answer.status < 400)
      failures.push({ why: "redirect", sent, got: `${got} → ${answer.headers.location}` });
    if (!answer.headers["x-request-id"]) failures.push({ why: "no x-request-id", sent, got });
    if (answer.status >= 300 && plan.method !== "HEAD" && !isEnvelope(answer.text, answer.status)) {
      failures.push({ why: "not the envelope", sent, got });
    }

    const entries = await emulator.requests(before);
    const markers = [conferenceId, ...hostile.filter((h) => h.length >= 8)];
    if (refusedByGavel(answer)) {
      const leaked = entries.filter((e) => markers.some((m) => entryText(e).includes(m)));
      if (leaked.length) {
        failures.push({
          why: "refused, yet sent to Sinch",
          sent,
          got: `${got} / ${leaked.map((e) => `${e.method} ${e.path}`).join(", ")}`,
        });
      }
    }
    for (const e of entries.filter((x) => CONTROL_CHAR.test(x.decodedPath))) {
      failures.push({ why: "control character sent to Sinch", sent, got: `${e.method} ${e.path}` });
    }
  }
  for (const id of rooms) await emulator.hangUpRoom(id).catch(() => false);

  const byWhy = new Map<string, number>();
  for (const f of failures) byWhy.set(f.why, (byWhy.get(f.why) ?? 0) + 1);
  const failed = new Set(failures.map((f) => f.sent)).size;
  console.log(
    `fuzz: ${plans.length} requests (${plans.length - RUNS} corpus, ${RUNS} generated, seed ${SEED}); ` +
      `${failed} broke a property${failures.length ? ": " + [...byWhy].map(([w, n]) => `${w} ${n}`).join(", ") : ""}`,
  );
  // The first of each kind, then the first few in order.
  const shown = [...new Map(failures.map((f) => [f.why, f])).values(), ...failures.slice(0, 30)];
  for (const f of new Set(shown)) console.log(`  [${f.why}] ${f.sent}\n      → ${f.got}`);
  // Every failure, for whoever has to fix them: test-results/<this test>/failures.json.
  writeFileSync(test.info().outputPath("failures.json"), JSON.stringify(failures, null, 1));
  expect(failed, `${failed} of ${plans.length} requests broke a property (listed above)`).toBe(0);
});

function* chunks(bytes: Buffer): Iterable<Buffer> {
  for (let i = 0; i < bytes.length; i += 65_536) yield bytes.subarray(i, i + 65_536);
}

function bodyText(body: string | Buffer | Iterable<Buffer>): string {
  if (typeof body === "string") return body;
  if (Buffer.isBuffer(body)) return body.toString("utf8");
  return "(chunked)";
}

function clip(s: string): string {
  const escaped = JSON.stringify(s).slice(1, -1);
  return escaped.length > 160 ? `${escaped.slice(0, 160)}… (${s.length} chars)` : escaped;
}
