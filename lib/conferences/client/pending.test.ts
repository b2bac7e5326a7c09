/**
 * What the console shows while commands are in flight: the command hooks' own
 * options (meta, onSuccess, settle) on a real QueryClient, with the request to
 * Gavel's API replaced by a promise the test answers, so each step can be seen.
 */
import { MutationObserver, QueryClient, QueryObserver, type MutationOptions } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import { conferenceKeys, type BulkResponse, type LiveParticipant } from "../schemas";
import { applyPending } from "../view";
import { bulkOptions, kickOptions, participantCommandOptions } from "./commands";
import type { LiveWithOutcomes, ResolvedCommand } from "./outcomes";
import { readIntendedParticipants, readPendingChanges, readUnconfirmed } from "./pending";
import { conferenceMutationKeys, liveParticipants, type LiveSnapshot } from "./queries";

const ID = "weekly-sync";

const p = (callId: string, over: Partial<LiveParticipant> = {}): LiveParticipant => ({
  callId,
  cli: "+46708168731",
  duration: 60,
  muted: false,
  onhold: false,
  label: null,
  ...over,
});

let clients: QueryClient[] = [];
afterEach(() => {
  for (const qc of clients) qc.clear();
  clients = [];
});

function room(participants: LiveParticipant[]): QueryClient {
  const qc = new QueryClient();
  clients.push(qc);
  const snapshot: LiveSnapshot = { conferenceId: ID, participants, fetchedAt: "", receivedAt: 0 };
  qc.setQueryData(conferenceKeys.live(ID), snapshot);
  return qc;
}

/** A request that waits for the test to answer it. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Starts a mutation as useMutation would, its request answered by the test. */
function start<TData, TVars, TContext>(
  qc: QueryClient,
  options: MutationOptions<TData, Error, TVars, TContext>,
  vars: TVars,
) {
  const request = deferred<TData>();
  const observer = new MutationObserver(qc, { ...options, mutationFn: () => request.promise });
  const done = observer.mutate(vars).catch(() => undefined);
  return { request, done };
}

const intended = (qc: QueryClient) => readIntendedParticipants(qc, ID);
const find = (qc: QueryClient, callId: string) => intended(qc).find((x) => x.callId === callId);
const pendingIds = (qc: QueryClient) => applyPending(liveParticipants(qc, ID), readPendingChanges(qc, ID)).pendingIds;
const failure = () => new ApiError("upstream_failed", "Sinch failed");

describe("pending commands", () => {
  it("show at once, in order: m then m mutes then unmutes", async () => {
    const qc = room([p("a")]);
    const mute = start(qc, participantCommandOptions(qc, ID), { callId: "a", command: "mute" });
    expect(find(qc, "a")?.muted).toBe(true);
    const unmute = start(qc, participantCommandOptions(qc, ID), { callId: "a", command: "unmute" });
    expect(find(qc, "a")?.muted).toBe(false);
    expect([...pendingIds(qc)]).toEqual(["a"]);
    mute.request.resolve({ ok: true });
    unmute.request.resolve({ ok: true });
    await Promise.all([mute.done, unmute.done]);
    expect(pendingIds(qc).size).toBe(0);
    expect(liveParticipants(qc, ID)[0]?.muted).toBe(false);
  });

  it("a failure puts back only its own row, even with another command in flight", async () => {
    const qc = room([p("a"), p("b")]);
    const mute = start(qc, participantCommandOptions(qc, ID), { callId: "a", command: "mute" });
    const hold = start(qc, participantCommandOptions(qc, ID), { callId: "b", command: "onhold", moh: "ring" });
    mute.request.reject(failure());
    await mute.done;
    expect(find(qc, "a")?.muted).toBe(false);
    expect(find(qc, "b")?.onhold).toBe(true);
    expect([...pendingIds(qc)]).toEqual(["b"]);
    hold.request.resolve({ ok: true });
    await hold.done;
  });

  it("a command Sinch accepted stays shown once it is no longer pending", async () => {
    const qc = room([p("a"), p("b")]);
    const mute = start(qc, participantCommandOptions(qc, ID), { callId: "a", command: "mute" });
    const other = start(qc, participantCommandOptions(qc, ID), { callId: "b", command: "mute" });
    mute.request.resolve({ ok: true });
    await mute.done;
    // Not the last to settle, so no refetch holds it pending: the cache has it.
    expect(pendingIds(qc).has("a")).toBe(false);
    expect(liveParticipants(qc, ID).find((x) => x.callId === "a")?.muted).toBe(true);
    other.request.resolve({ ok: true });
    await other.done;
  });

  it("a command leaves its pending state when Sinch answers, without waiting for the list to come again", async () => {
    const qc = room([p("a")]);
    // The console's live query, polling: a list asked for now is slow to come.
    const slowList = deferred<LiveSnapshot>();
    const observer = new QueryObserver(qc, { queryKey: conferenceKeys.live(ID), queryFn: () => slowList.promise });
    const unsubscribe = observer.subscribe(() => undefined);
    try {
      const mute = start(qc, participantCommandOptions(qc, ID), { callId: "a", command: "mute" });
      mute.request.resolve({ ok: true });
      await mute.done;
      expect(pendingIds(qc).size).toBe(0);
      expect(liveParticipants(qc, ID)[0]?.muted).toBe(true);
    } finally {
      unsubscribe();
      slowList.resolve({ conferenceId: ID, participants: [p("a")], fetchedAt: "", receivedAt: 0 });
    }
  });

  it("a list asked for before Sinch's answer does not flip the confirmed row back", async () => {
    const qc = room([p("a"), p("b")]);
    const lists: ReturnType<typeof deferred<LiveSnapshot>>[] = [];
    const observer = new QueryObserver(qc, {
      queryKey: conferenceKeys.live(ID),
      queryFn: () => {
        const list = deferred<LiveSnapshot>();
        lists.push(list);
        return list.promise;
      },
    });
    const unsubscribe = observer.subscribe(() => undefined);
    // Another command stays in flight, so the mute is not the last to settle and asks for no list itself.
    const hold = start(qc, participantCommandOptions(qc, ID), { callId: "b", command: "onhold", moh: "ring" });
    try {
      const mute = start(qc, participantCommandOptions(qc, ID), { callId: "a", command: "mute" });
      const poll = qc.refetchQueries({ queryKey: conferenceKeys.live(ID) }); // a poll while the mute is on its way
      mute.request.resolve({ ok: true });
      await mute.done;
      // That poll's answer is Sinch's state from before the mute: it must not land.
      for (const list of lists)
        list.resolve({ conferenceId: ID, participants: [p("a"), p("b")], fetchedAt: "", receivedAt: 1 });
      await poll.catch(() => undefined);
      expect(liveParticipants(qc, ID).find((x) => x.callId === "a")?.muted).toBe(true);
    } finally {
      hold.request.resolve({ ok: true });
      await hold.done;
      unsubscribe();
      for (const list of lists) list.resolve({ conferenceId: ID, participants: [], fetchedAt: "", receivedAt: 2 });
    }
  });

  it("a kick hides the row until it fails, then the row is back", async () => {
    const qc = room([p("a"), p("b")]);
    const kick = start(qc, kickOptions(qc, ID), { callId: "a" });
    expect(intended(qc).map((x) => x.callId)).toEqual(["b"]);
    kick.request.reject(failure());
    await kick.done;
    expect(intended(qc).map((x) => x.callId)).toEqual(["a", "b"]);
  });

  it("bulk marks everyone it resolved as pending, and keeps only what Sinch did", async () => {
    const qc = room([p("a"), p("b"), p("c"), p("d")]);
    const bulk = start(qc, bulkOptions(qc, ID), { action: "hold", all: true, except: ["d"] });
    // Its targets come from onMutate, which first cancels any poll in flight.
    await expect.poll(() => [...pendingIds(qc)]).toEqual(["a", "b", "c"]);
    expect(intended(qc).map((x) => x.onhold)).toEqual([true, true, true, false]);
    const answer: BulkResponse = {
      action: "hold",
      succeeded: 1,
      failed: 2,
      unknown: 0,
      results: [
        { callId: "a", cli: null, ok: true, outcome: "succeeded" },
        {
          callId: "b",
          cli: null,
          ok: false,
          outcome: "failed",
          error: { code: "not_found", message: "left the call" },
        },
        {
          callId: "c",
          cli: null,
          ok: false,
          outcome: "failed",
          error: { code: "upstream_failed", message: "Sinch failed" },
        },
      ],
    };
    bulk.request.resolve(answer);
    await bulk.done;
    expect(pendingIds(qc).size).toBe(0);
    expect(intended(qc).map((x) => [x.callId, x.onhold])).toEqual([
      ["a", true],
      ["c", false],
      ["d", false],
    ]);
  });

  it("reads what a command is from its meta, never from its key", async () => {
    const qc = room([p("a")]);
    // A command on the conference with no meta (as ending the meeting): nothing shows as pending.
    const other = start(
      qc,
      { mutationKey: conferenceMutationKeys.participant(ID) } as MutationOptions<unknown, Error, object, unknown>,
      { callId: "a", command: "mute" },
    );
    expect(readPendingChanges(qc, ID)).toEqual([]);
    expect(find(qc, "a")?.muted).toBe(false);
    other.request.resolve(undefined);
    await other.done;
  });

  describe("a command Sinch did not confirm (202, outcome unknown)", () => {
    const unconfirmedIds = (qc: QueryClient) =>
      applyPending(
        liveParticipants(qc, ID),
        readUnconfirmed(qc, ID).flatMap((i) => (i.change ? [i.change] : [])),
      ).unconfirmedIds;
    /** A newer poll, with what the server says about unknown outcomes. */
    const poll = (qc: QueryClient, participants: LiveParticipant[], extra: Partial<LiveWithOutcomes>) =>
      qc.setQueryData<LiveSnapshot>(conferenceKeys.live(ID), {
        conferenceId: ID,
        participants,
        fetchedAt: "",
        receivedAt: Date.now() + 1,
        unconfirmed: [],
        resolved: [],
        ...extra,
      } as LiveSnapshot);
    const resolution = (outcome: ResolvedCommand["outcome"]): ResolvedCommand => ({
      requestId: "r1",
      action: "mute",
      callId: "a",
      outcome,
      decidedAt: new Date().toISOString(),
      note: "",
    });

    async function answeredUnknown(qc: QueryClient) {
      const mute = start(qc, participantCommandOptions(qc, ID), { callId: "a", command: "mute" });
      mute.request.resolve({ outcome: "unknown", requestId: "r1", message: "Sinch did not answer in time" } as never);
      await mute.done;
    }

    it("shows the intended state, marked unconfirmed rather than in flight, without writing it to the cache", async () => {
      const qc = room([p("a"), p("b")]);
      await answeredUnknown(qc);
      expect(readPendingChanges(qc, ID)).toEqual([]);
      expect([...unconfirmedIds(qc)]).toEqual(["a"]);
      expect(find(qc, "a")?.muted).toBe(true);
      expect(liveParticipants(qc, ID).find((x) => x.callId === "a")?.muted).toBe(false);
    });

    it("stays unconfirmed while the server lists it, and ends when it is resolved", async () => {
      const qc = room([p("a")]);
      await answeredUnknown(qc);
      poll(qc, [p("a")], { unconfirmed: [{ requestId: "r1", action: "mute", callId: "a", since: "" }] });
      expect([...unconfirmedIds(qc)]).toEqual(["a"]);
      poll(qc, [p("a", { muted: true })], { resolved: [resolution("succeeded")] });
      expect(readUnconfirmed(qc, ID)).toEqual([]);
      expect(find(qc, "a")?.muted).toBe(true);
    });

    it("a command Gavel found not applied shows what Sinch has", async () => {
      const qc = room([p("a")]);
      await answeredUnknown(qc);
      poll(qc, [p("a")], { resolved: [resolution("failed")] });
      expect(readUnconfirmed(qc, ID)).toEqual([]);
      expect(find(qc, "a")?.muted).toBe(false);
    });

    it("an unconfirmed kick the server lists keeps its row, marked", () => {
      const qc = room([p("a"), p("b")]);
      poll(qc, [p("a"), p("b")], { unconfirmed: [{ requestId: "r2", action: "kick", callId: "b", since: "" }] });
      expect(intended(qc).map((x) => x.callId)).toEqual(["a", "b"]);
      expect([...unconfirmedIds(qc)]).toEqual(["b"]);
    });

    it("bulk rows whose outcome is unknown are unconfirmed; the others are done", async () => {
      const qc = room([p("a"), p("b")]);
      const bulk = start(qc, bulkOptions(qc, ID), { action: "mute", callIds: ["a", "b"] });
      await expect.poll(() => readPendingChanges(qc, ID).length).toBe(1);
      bulk.request.resolve({
        action: "mute",
        succeeded: 1,
        failed: 0,
        results: [
          { callId: "a", cli: null, ok: true },
          { callId: "b", cli: null, ok: false, outcome: "unknown" },
        ],
      } as BulkResponse);
      await bulk.done;
      expect([...unconfirmedIds(qc)]).toEqual(["b"]);
      expect(intended(qc).map((x) => x.muted)).toEqual([true, true]);
      expect(liveParticipants(qc, ID).map((x) => x.muted)).toEqual([true, false]);
    });
  });
});
