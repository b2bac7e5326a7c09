/**
 * The timeline and "Left recently" follow the live list: read again at the first
 * live answer after one in which somebody joined or left (the server records that
 * list's joins and leaves just after answering it), never for a repeat nor for a
 * mute or hold seen in the list; and when this browser's own command on the room is
 * answered.
 */
import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { conferenceKeys, type LiveParticipant } from "../../conferences/types";
import { timelineKeys } from "../schemas";
import { conferenceMutationKeys } from "../../conferences/client/queries";
import { sameMembers } from "../../conferences/presence";
import { followLive } from "./follow-live";

const ID = "weekly-sync";
const TIMELINE = timelineKeys.detail(ID);

function participant(callId: string): LiveParticipant {
  return { callId, cli: "+46708168731", duration: 1, muted: false, onhold: false, label: null } as LiveParticipant;
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

function world() {
  const qc = new QueryClient();
  qc.setQueryData(TIMELINE, { events: [] });
  const one = [participant("c1")];
  qc.setQueryData(conferenceKeys.live(ID), { participants: one, receivedAt: 1 });
  stop = followLive(qc, ID, TIMELINE);
  /** A live answer: the same participants (a 304) or a new list. */
  const answer = (participants: LiveParticipant[]) =>
    qc.setQueryData(conferenceKeys.live(ID), { participants, receivedAt: Date.now() });
  const invalidated = () => qc.getQueryState(TIMELINE)!.isInvalidated;
  return { qc, one, answer, invalidated };
}

describe("followLive", () => {
  it("does not read again while the live answers repeat the same list", () => {
    const { one, answer, invalidated } = world();
    answer(one);
    answer(one);
    expect(invalidated()).toBe(false);
  });

  it("reads again at the live answer after the one that changed the list, not at once", () => {
    const { one, answer, invalidated } = world();
    const two = [...one, participant("c2")];
    answer(two);
    expect(invalidated()).toBe(false);
    answer(two);
    expect(invalidated()).toBe(true);
  });

  it("does not read again for a list in which only someone's mute or hold changed", () => {
    const { one, answer, invalidated } = world();
    const muted = [{ ...one[0]!, muted: true }];
    answer(muted);
    answer(muted);
    answer([{ ...muted[0]!, onhold: true }]);
    answer([{ ...muted[0]!, onhold: true }]);
    expect(invalidated()).toBe(false);
  });

  it("reads again after a leave, and after a join and a leave that keep the count", () => {
    const { one, answer, invalidated } = world();
    answer([]);
    answer([]);
    expect(invalidated()).toBe(true);
    expect(sameMembers(one, [participant("c2")])).toBe(false);
    expect(sameMembers(one, [{ ...one[0]!, muted: true }])).toBe(true);
  });

  it("reads again when this browser's command on the room is answered, succeeded or failed", async () => {
    const { qc, invalidated } = world();
    const run = (id: string, fn: () => Promise<unknown>) =>
      qc
        .getMutationCache()
        .build(qc, { mutationKey: conferenceMutationKeys.participant(id), mutationFn: fn })
        .execute(undefined)
        .catch(() => undefined);
    await run("other-room", async () => ({}));
    expect(invalidated()).toBe(false);
    await run(ID, async () => ({}));
    expect(invalidated()).toBe(true);

    await qc.refetchQueries({ queryKey: TIMELINE }).catch(() => undefined);
    qc.setQueryData(TIMELINE, { events: [] });
    expect(invalidated()).toBe(false);
    await run(ID, async () => Promise.reject(new Error("Sinch said no")));
    expect(invalidated()).toBe(true);
  });

  it("ignores other queries and stops when unsubscribed", () => {
    const { qc, one, answer, invalidated } = world();
    qc.setQueryData(conferenceKeys.live("other-room"), { participants: [participant("x")] });
    qc.setQueryData(conferenceKeys.live("other-room"), { participants: [participant("y")] });
    expect(invalidated()).toBe(false);
    stop!();
    answer([participant("c9")]);
    answer(one);
    expect(invalidated()).toBe(false);
  });
});
