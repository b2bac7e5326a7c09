/**
 * One answer per snapshot: serialised once and reused, an ETag over the list's
 * content (not the durations, which grow on their own) that survives a new fetch of the same room, its
 * durations grown (304 across windows), and changes
 * with any participant or the reconciliation; the reply is 304 to a matching
 * If-None-Match, gzip'd only when accepted and worth it.
 */
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, etagMatches, pollReply } from "../../api/server/poll-reply";
import type { ConferenceLive, ReconcileState } from "../schemas";
import { preparedPoll } from "./live-answer";

const none: ReconcileState = { unconfirmed: [], resolved: [] };

/** A room of n, fetched `later` seconds after the first fetch (durations grown by as much). */
function live(n: number, later = 0, muted = false): ConferenceLive {
  return {
    conferenceId: "room-1",
    fetchedAt: new Date(Date.parse("2026-01-01T00:00:00.000Z") + later * 1000).toISOString(),
    participants: Array.from({ length: n }, (_, i) => ({
      callId: `call-${i}`,
      cli: `+46701000${String(i).padStart(3, "0")}`,
      duration: 60 + i + later,
      muted: i === 0 ? muted : false,
      onhold: false,
      label: null,
    })),
  };
}

describe("preparedPoll", () => {
  it("serialises a snapshot once and answers the route's JSON", () => {
    const snap = live(3);
    const a = preparedPoll(snap, none);
    expect(preparedPoll(snap, { unconfirmed: [], resolved: [] })).toBe(a);
    expect(JSON.parse(a.body.toString("utf8"))).toEqual({ ...snap, ...none });
    expect(a.headers["x-gavel-fetched-at"]).toBe(snap.fetchedAt);
  });

  it("keeps the ETag for the same list fetched again, and changes it with the list or the reconciliation", () => {
    const first = preparedPoll(live(3), none);
    // Five seconds later, everyone five seconds longer in the room: nothing happened.
    const refetched = preparedPoll(live(3, 5), none);
    expect(refetched.etag).toBe(first.etag);
    expect(refetched.body.equals(first.body)).toBe(false);
    expect(refetched.headers["x-gavel-fetched-at"]).toBe("2026-01-01T00:00:05.000Z");
    expect(preparedPoll(live(3, 0, true), none).etag).not.toBe(first.etag);
    expect(preparedPoll(live(4), none).etag).not.toBe(first.etag);
    // Someone left and called in again: a new call.
    const rejoined = live(3, 5);
    rejoined.participants[1] = { ...rejoined.participants[1]!, callId: "call-1b", duration: 2 };
    expect(preparedPoll(rejoined, none).etag).not.toBe(first.etag);
    const pending: ReconcileState = {
      unconfirmed: [{ requestId: "r1", action: "mute", callId: "call-0", since: "2026-01-01T00:00:00.000Z" }],
      resolved: [],
    } as unknown as ReconcileState;
    const snap = live(3);
    const withPending = preparedPoll(snap, pending);
    expect(withPending.etag).not.toBe(first.etag);
    expect(JSON.parse(withPending.body.toString("utf8"))).toMatchObject({ unconfirmed: pending.unconfirmed });
  });
});

describe("pollReply", () => {
  const big = preparedPoll(live(40), none);
  const small = preparedPoll(live(1), none);

  it("answers 304 without a body to a matching If-None-Match, with the fetch time", () => {
    const r = pollReply(big, { ifNoneMatch: big.etag, acceptEncoding: "gzip" });
    expect(r.status).toBe(304);
    expect(r.body).toBeNull();
    expect(r.headers).toMatchObject({ etag: big.etag, "x-gavel-fetched-at": big.headers["x-gavel-fetched-at"] });
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(pollReply(big, { ifNoneMatch: `"x", ${big.etag}`, acceptEncoding: undefined }).status).toBe(304);
    expect(pollReply(big, { ifNoneMatch: 'W/"other"', acceptEncoding: undefined }).status).toBe(200);
  });

  it("gzips a body worth it for a client that accepts gzip, and nothing else", () => {
    const gz = pollReply(big, { ifNoneMatch: undefined, acceptEncoding: "gzip, deflate, br" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body!).equals(big.body)).toBe(true);
    expect(gz.headers["content-length"]).toBe(String(gz.body!.length));
    expect(big.gzipped()).toBe(big.gzipped());
    const plain = pollReply(big, { ifNoneMatch: undefined, acceptEncoding: "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(big.body);
    expect(pollReply(small, { ifNoneMatch: undefined, acceptEncoding: "gzip" }).headers["content-encoding"]).toBe(
      undefined,
    );
  });

  it("reads If-None-Match and Accept-Encoding as HTTP says", () => {
    expect(etagMatches("*", 'W/"a"')).toBe(true);
    expect(etagMatches('"a"', 'W/"a"')).toBe(true);
    expect(etagMatches(undefined, 'W/"a"')).toBe(false);
    expect(acceptsGzip("gzip;q=0, deflate")).toBe(false);
    expect(acceptsGzip("br, gzip;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
