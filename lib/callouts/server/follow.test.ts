/**
 * Following callouts to their end against the real emulator: joined, busy,
 * unanswered, failing, and one call-info GET however many read at once.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../db";
import { takeLease } from "../../db/fleet-leases";
import { recordProgress } from "./store";
import { conf, emulator, service, support, until, startCalloutService } from "./test-service";

startCalloutService();

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

  it("several instances: a callout another instance follows this interval is read back, not asked of Sinch again", async () => {
    const conferenceId = conf("fleet");
    const { callout } = await service.placeCallout(
      support,
      service.serverSchemas().callout.parse({
        type: "conference",
        destination: { type: "number", endpoint: "+442079460408" },
        conferenceId,
      }),
    );
    // Another instance claimed it (for a minute here, as if it kept following it).
    const held = await takeLease(await db(), `callout:${callout.id}`, "other-instance", 60_000, Date.now());
    expect(held.held).toBe(true);
    const getCalls = () => emulator.requests.since(0).filter((r) => r.operation === "getCall").length;
    const before = getCalls();
    await Promise.all(Array.from({ length: 5 }, () => service.listCalloutViews({ conferenceId })));
    // What the other instance records is what this one shows.
    await recordProgress(callout.id, { state: "answered", result: "ANSWERED" });
    const views = await until(
      () => service.listCalloutViews({ conferenceId }),
      (v) => v[0]?.state === "answered",
    );
    expect(views[0]).toMatchObject({ id: callout.id, state: "answered" });
    expect(getCalls() - before).toBe(0);
  });
});
