/**
 * The timeline and "Left recently" follow the live list: read again at the first
 * live answer after one that changed the participants (the server records that
 * list's joins and leaves just after answering it), never for a repeat.
 */
import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { conferenceKeys, type LiveParticipant } from "../../conferences/types";
import { timelineKeys } from "../schemas";
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
