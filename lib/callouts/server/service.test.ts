/**
 * The callout service against the real emulator over HTTP and a real SQLite file:
 * placing, idempotency under concurrency, following calls to their end, Retry,
 * dialing a list, and Sinch refusing. (Test code: sets process.env before loading
 * the modules that read config.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../sinch/emulator";

type Service = typeof import("./service");

let emulator: RunningEmulator;
let service: Service;
let dataDir: string;
let closeDb: () => Promise<void>;

const support = {
  actor: { id: "u-support", email: "support@gavel.test", role: "support" as const },
  requestId: "req-1",
  clientAddress: "127.0.0.1",
};
const admin = {
  actor: { id: "u-admin", email: "admin@gavel.test", role: "admin" as const },
  requestId: "req-2",
  clientAddress: "127.0.0.1",
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let seq = 0;
const conf = (prefix: string) => `${prefix}-${process.pid}-${seq++}`;

function calloutsTo(conferenceId: string) {
  return emulator.requests
    .since(0)
    .filter(
      (r) =>
        r.operation === "placeCallout" &&
        (r.body as { conferenceCallout?: { conferenceId?: string } }).conferenceCallout?.conferenceId === conferenceId,
    );
}

/** Reads callouts (which refreshes them) until `done` or the deadline. */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await sleep(250);
  }
}

beforeAll(async () => {
  emulator = await startEmulator({ applicationKey: "test-key", applicationSecret: "dGVzdC1zZWNyZXQ=", ringMs: 200 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), "gavel-callouts-"));
  Object.assign(process.env, {
    SINCH_APPLICATION_KEY: emulator.applicationKey,
    SINCH_APPLICATION_SECRET: emulator.applicationSecret,
    SINCH_BASE_URL: emulator.url,
    GAVEL_DATA_DIR: dataDir,
    DATABASE_URL: "",
    GAVEL_DEFAULT_COUNTRY: "US",
    GAVEL_CALLER_IDS: "+12025550100",
    GAVEL_BULK_CONCURRENCY: "3",
  });
  (await import("../../config/env")).resetConfigForTests();
  service = await import("./service");
  closeDb = (await import("../../db")).closeDb;
});

afterAll(async () => {
  await closeDb?.();
  await emulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("placing and following", () => {
  it("places a conference callout, follows it to joined, and labels the participant", async () => {
    const conferenceId = conf("join");
    const input = service.serverSchemas().callout.parse({
      type: "conference",
      destination: { type: "number", endpoint: "(202) 555-0143" },
      conferenceId,
      label: "Alice",
      cli: "+12025550100",
    });
    const { callout, replayed } = await service.placeCallout(support, input);
    expect(replayed).toBe(false);
    expect(callout).toMatchObject({
      state: "dialing",
      conferenceId,
      label: "Alice",
      destination: { type: "number", endpoint: "+12025550143" },
    });
    expect(callout.callId).toMatch(/^[0-9a-f]{32}$/);

    const views = await until(
      () => service.listCalloutViews({ conferenceId }),
      (v) => v[0]?.state === "joined",
    );
    expect(views).toEqual([
      expect.objectContaining({ id: callout.id, state: "joined", result: "ANSWERED", joinedAt: expect.any(String) }),
    ]);
    expect(await service.calloutLabels([callout.callId!, "other"])).toEqual(new Map([[callout.callId!, "Alice"]]));

    // Hanging up ends it, with Sinch's reason.
    emulator.state.hangUpParticipant(conferenceId, callout.callId!);
    const ended = await until(
      () => service.getCalloutView(callout.id),
      (v) => v.final,
      8000,
    );
    expect(ended).toMatchObject({ state: "ended", reason: "CALLEEHANGUP", final: true });
  });

  it("follows the emulator's busy, unanswered and failing numbers to their states", async () => {
    const conferenceId = conf("outcomes");
    const place = (endpoint: string) =>
      service.placeCallout(
        support,
        service
          .serverSchemas()
          .callout.parse({ type: "conference", destination: { type: "number", endpoint }, conferenceId }),
      );
    await place("+442079460486");
    await place("+442079460408");
    await place("+442079460500");
    const views = await until(
      () => service.listCalloutViews({ conferenceId }),
      (v) => v.every((c) => c.final),
    );
    expect(Object.fromEntries(views.map((v) => [v.destination.endpoint, [v.state, v.result, v.reason]]))).toEqual({
      "+442079460486": ["busy", "BUSY", "N/A"],
      "+442079460408": ["no_answer", "NOANSWER", "TIMEOUT"],
      "+442079460500": ["failed", "FAILED", "GENERALERROR"],
    });
  });

  it("coalesces: many reads within a second make one call-info GET per callout", async () => {
    const conferenceId = conf("coalesce");
    await service.placeCallout(
      support,
      service.serverSchemas().callout.parse({
        type: "conference",
        destination: { type: "number", endpoint: "+442079460408" },
        conferenceId,
      }),
    );
    const before = emulator.requests.since(0).filter((r) => r.operation === "getCall").length;
    await Promise.all(Array.from({ length: 10 }, () => service.listCalloutViews({ conferenceId })));
    const after = emulator.requests.since(0).filter((r) => r.operation === "getCall").length;
    expect(after - before).toBe(1);
  });
});

describe("idempotency", () => {
  it("places one call for concurrent submissions with one key, and answers both with it", async () => {
    const conferenceId = conf("idem");
    const input = service.serverSchemas().callout.parse({
      type: "conference",
      destination: { type: "number", endpoint: "+12025550143" },
      conferenceId,
    });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => service.placeCallout(support, input, { idempotencyKey: `key-${conferenceId}` })),
    );
    expect(new Set(results.map((r) => r.callout.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.callout.state !== "placing")).toBe(true);
    expect(calloutsTo(conferenceId)).toHaveLength(1);

    const other = service
      .serverSchemas()
      .callout.parse({ ...input, destination: { type: "number", endpoint: "+12025550144" } });
    await expect(service.placeCallout(support, other, { idempotencyKey: `key-${conferenceId}` })).rejects.toMatchObject(
      {
        code: "conflict",
      },
    );
  });
});

describe("permissions and failures", () => {
  it("refuses a custom callout from support before anything is stored or sent", async () => {
    const conferenceId = conf("custom");
    const input = service.serverSchemas().callout.parse({
      type: "custom",
      destination: { type: "number", endpoint: "+12025550143" },
      ice: JSON.stringify({ action: { name: "connectConf", conferenceId } }),
    });
    await expect(service.placeCallout(support, input)).rejects.toMatchObject({
      code: "forbidden",
      message: "Only admins can place custom (SVAML) callouts.",
    });
    expect(await service.listCalloutViews({ conferenceId })).toEqual([]);
    const { callout } = await service.placeCallout(admin, input);
    expect(callout).toMatchObject({ type: "custom", conferenceId, state: "dialing" });
  });

  it("stores a callout Sinch refused as failed, with Sinch's words, and says which it was", async () => {
    const conferenceId = conf("refused");
    emulator.faults.add({
      match: { operation: "placeCallout" },
      count: 1,
      fault: { type: "status", status: 402, message: "Not enough credit" },
    });
    const input = service
      .serverSchemas()
      .callout.parse({ type: "conference", destination: { type: "number", endpoint: "+12025550143" }, conferenceId });
    const error = await service.placeCallout(support, input).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "upstream_failed",
      details: { sinchStatus: 402, calloutId: expect.any(String) },
    });
    const [stored] = await service.listCalloutViews({ conferenceId });
    expect(stored).toMatchObject({ state: "failed", callId: null, error: "Sinch: Not enough credit", final: true });
  });

  it("retries only a finished callout, as a new one that points back at it", async () => {
    const conferenceId = conf("retry");
    const ringing = await service.placeCallout(
      support,
      service.serverSchemas().callout.parse({
        type: "conference",
        destination: { type: "number", endpoint: "+442079460408" },
        conferenceId,
      }),
    );
    await expect(service.retryCallout(support, ringing.callout.id, undefined)).rejects.toMatchObject({
      code: "conflict",
    });
    await until(
      () => service.getCalloutView(ringing.callout.id),
      (v) => v.final,
    );
    const again = await service.retryCallout(support, ringing.callout.id, "retry-key-0001");
    expect(again.callout).toMatchObject({
      retryOf: ringing.callout.id,
      request: ringing.callout.request,
      state: "dialing",
    });
    expect(calloutsTo(conferenceId).map((r) => r.body)).toEqual([ringing.callout.request, ringing.callout.request]);
    // Ghost rows show the retry, not the callout it replaced.
    expect((await service.conferenceCalloutViews(conferenceId)).map((c) => c.id)).toEqual([again.callout.id]);
    await expect(service.retryCallout(support, "no-such-callout", undefined)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("dial a list", () => {
  it("places the good lines with bounded concurrency and reports the others per line", async () => {
    const conferenceId = conf("batch");
    const batch = service.serverSchemas().batch.parse({
      conferenceId,
      lines: [
        { number: "+1 202 555 0101", label: "A" },
        { number: "not a number" },
        { number: "(202) 555-0101", label: "A again" },
        { number: "+442079460486", label: "Busy" },
        { number: "+1 202 555 0102", idempotencyKey: "line-key-0001" },
      ],
    });
    const r = await service.placeBatch(support, batch);
    expect(r).toMatchObject({ conferenceId, placed: 3, failed: 2 });
    expect(r.results.map((l) => [l.index, l.ok, l.error?.message ?? l.callout?.label ?? null])).toEqual([
      [0, true, "A"],
      [1, false, "letters are not allowed in a phone number"],
      [2, false, "is already in this list (line 1)"],
      [3, true, "Busy"],
      [4, true, null],
    ]);
    expect(calloutsTo(conferenceId)).toHaveLength(3);
    const again = await service.placeBatch(support, { ...batch, batchId: r.batchId, lines: [batch.lines[4]!] });
    expect(again.results[0]).toMatchObject({ ok: true, replayed: true, callout: { id: r.results[4]!.callout!.id } });
    expect(calloutsTo(conferenceId)).toHaveLength(3);
    const listed = await service.listCalloutViews({ batchId: r.batchId });
    expect(listed).toHaveLength(3);
  });
});
