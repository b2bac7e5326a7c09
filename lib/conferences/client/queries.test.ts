/**
 * The live list's conditional poll: the first answer's ETag is sent back with
 * If-None-Match and `cache: "no-store"`; a 304 brings back the list the server last
 * sent, the same objects (so nothing re-renders), with the new freshness; a 200
 * replaces it. The API is a stubbed fetch.
 */
import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { conferenceKeys, type ConferenceLiveView } from "../schemas";
import { pollLive } from "./queries";

const ID = "weekly-sync";

function view(fetchedAt: string, muted = false): ConferenceLiveView {
  return {
    conferenceId: ID,
    fetchedAt,
    participants: [{ callId: "c1", cli: "+46708168731", duration: 60, muted, onhold: false, label: null }],
    unconfirmed: [],
    resolved: [],
  } as unknown as ConferenceLiveView;
}

type Sent = { init: RequestInit };

function answers(...replies: (() => Response)[]): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((_url: string, init: RequestInit) => {
      sent.push({ init });
      return Promise.resolve(replies[sent.length - 1]!());
    }),
  );
  return sent;
}

const ok = (v: ConferenceLiveView, etag: string) => () =>
  new Response(JSON.stringify(v), {
    status: 200,
    headers: { "content-type": "application/json", etag, "x-gavel-fetched-at": v.fetchedAt },
  });
const notModified = (etag: string, fetchedAt: string) => () =>
  new Response(null, { status: 304, headers: { etag, "x-gavel-fetched-at": fetchedAt } });

afterEach(() => vi.unstubAllGlobals());

describe("pollLive", () => {
  it("asks with the last ETag and keeps the same list on a 304, with the new fetch time", async () => {
    const qc = new QueryClient();
    const key = conferenceKeys.live(ID);
    const sent = answers(ok(view("t1"), 'W/"a"'), notModified('W/"a"', "t2"), ok(view("t3", true), 'W/"b"'));

    const first = await pollLive(qc, ID);
    qc.setQueryData(key, first);
    expect(sent[0]!.init.cache).toBe("no-store");
    expect(new Headers(sent[0]!.init.headers).get("if-none-match")).toBeNull();
    expect(first.served?.etag).toBe('W/"a"');

    const second = await pollLive(qc, ID);
    qc.setQueryData(key, second);
    expect(new Headers(sent[1]!.init.headers).get("if-none-match")).toBe('W/"a"');
    expect(sent[1]!.init.cache).toBe("no-store");
    expect(second.participants).toBe(first.participants);
    expect(second.fetchedAt).toBe("t2");
    expect(second.receivedAt).toBeGreaterThanOrEqual(first.receivedAt);
    // The durations kept still count from when they arrived.
    expect(second.durationsAt).toBe(first.receivedAt);
    expect(first.durationsAt).toBe(first.receivedAt);

    const third = await pollLive(qc, ID);
    expect(third.participants[0]!.muted).toBe(true);
    expect(third.served?.etag).toBe('W/"b"');
  });

  it("answers a 304 with the list as the server sent it, not a local edit of it", async () => {
    const qc = new QueryClient();
    const key = conferenceKeys.live(ID);
    answers(ok(view("t1"), 'W/"a"'), notModified('W/"a"', "t2"));
    const first = await pollLive(qc, ID);
    // An optimistic edit of the cached list (a mute the server never confirmed).
    qc.setQueryData(key, { ...first, participants: first.participants.map((p) => ({ ...p, muted: true })) });
    const second = await pollLive(qc, ID);
    expect(second.participants).toBe(first.participants);
    expect(second.participants[0]!.muted).toBe(false);
  });
});
