/**
 * Placing callouts against the real emulator: idempotency under concurrency,
 * permissions, Sinch refusing, Retry, and dialing a list.
 */
import { describe, expect, it } from "vitest";
import { admin, calloutsTo, conf, emulator, service, support, until, startCalloutService } from "./test-service";

startCalloutService();

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
