/**
 * The live poll's bookkeeping as the header and the tab title read it, straight from
 * the query cache (live-poll-state.ts): in flight while a poll runs, the error only
 * while an older list is shown, one object until something it holds changes, and
 * only this conference's query heard. The polls are real TanStack fetches of a
 * QueryClient; the answers are promises this test settles.
 */
import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { conferenceKeys } from "../types";
import { livePollStore } from "./live-poll-state";
import type { LiveSnapshot } from "./queries";

const ID = "weekly-sync";
const clients: QueryClient[] = [];

function client(): QueryClient {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  clients.push(qc);
  return qc;
}

afterEach(() => {
  for (const qc of clients.splice(0)) qc.clear();
});

function snapshot(receivedAt: number): LiveSnapshot {
  return {
    conferenceId: ID,
    fetchedAt: new Date(receivedAt).toISOString(),
    participants: [],
    receivedAt,
  } as unknown as LiveSnapshot;
}

/** A poll of the live list whose answer the test gives (or refuses) later. */
function poll(qc: QueryClient, id = ID) {
  let answer!: (v: LiveSnapshot) => void;
  let refuse!: (e: Error) => void;
  const done = qc
    .fetchQuery({
      queryKey: conferenceKeys.live(id),
      queryFn: () =>
        new Promise<LiveSnapshot>((res, rej) => {
          answer = res;
          refuse = rej;
        }),
      staleTime: 0,
    })
    .catch(() => undefined);
  return { answer: (v: LiveSnapshot) => (answer(v), done), refuse: (e: Error) => (refuse(e), done) };
}

describe("the live poll's state, read from the cache", () => {
  it("says nothing before the first poll, and is in flight while one runs", async () => {
    const qc = client();
    const store = livePollStore(qc, ID);
    expect(store.read()).toEqual({ receivedAt: undefined, error: null, errorAt: 0, fetching: false });

    const first = poll(qc);
    expect(store.read().fetching).toBe(true);
    await first.answer(snapshot(1000));
    expect(store.read()).toEqual({ receivedAt: 1000, error: null, errorAt: 0, fetching: false });
  });

  it("keeps the error only while an older list is still shown", async () => {
    const qc = client();
    const store = livePollStore(qc, ID);
    // No list yet: the console shows the error in the list's place, not the header.
    await poll(qc).refuse(new Error("Sinch is down"));
    expect(store.read().error).toBeNull();

    await poll(qc).answer(snapshot(2000));
    await poll(qc).refuse(new Error("Sinch timed out"));
    const s = store.read();
    expect(s.error?.message).toBe("Sinch timed out");
    expect(s.receivedAt).toBe(2000);
    expect(s.errorAt).toBeGreaterThan(0);
  });

  it("hands back the same object until one of its fields changes", async () => {
    const qc = client();
    const store = livePollStore(qc, ID);
    await poll(qc).answer(snapshot(1000));
    const before = store.read();
    // Another query's answer, and this query's data edited in place of a command's
    // confirmation with the same arrival time: nothing the header shows.
    await poll(qc, "other-room").answer(snapshot(5000));
    qc.setQueryData<LiveSnapshot>(conferenceKeys.live(ID), (old) => (old ? { ...old } : old));
    expect(store.read()).toBe(before);

    const next = poll(qc);
    const during = store.read();
    expect(during).not.toBe(before);
    expect(during.fetching).toBe(true);
    await next.answer(snapshot(3000));
    expect(store.read().receivedAt).toBe(3000);
  });

  it("hears this conference's query only", async () => {
    const qc = client();
    const store = livePollStore(qc, ID);
    let heard = 0;
    const off = store.subscribe(() => heard++);
    await poll(qc, "other-room").answer(snapshot(5000));
    expect(heard).toBe(0);
    await poll(qc).answer(snapshot(1000));
    expect(heard).toBeGreaterThan(0);
    off();
    const after = heard;
    await poll(qc).answer(snapshot(2000));
    expect(heard).toBe(after);
  });
});
