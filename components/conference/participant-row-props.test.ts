import { describe, expect, it } from "vitest";
import type { LiveParticipant } from "@/lib/conferences/schemas";
import { HIGHLIGHT_KEEP_MS, PresenceTracker } from "@/lib/conferences/presence";
import { StableRows } from "@/lib/conferences/stable-rows";
import { applyPending, EMPTY_SELECTION, viewParticipants } from "@/lib/conferences/view";
import { rowProps, sameRowProps, type RowContext, type RowHandlers } from "./participant-row-props";
import { RowElements } from "./row-elements";

const T0 = Date.parse("2025-01-01T12:00:00.000Z");
const ids = Array.from({ length: 51 }, (_, i) => `call-${i}`);

/** Sinch's list `s` seconds after T0: everyone's duration grew; `muted` are muted; the first `n` people; `names` from the directory. */
function sinch(
  s: number,
  muted: ReadonlySet<string> = new Set(),
  n = 50,
  names: ReadonlyMap<string, string> = new Map(),
): LiveParticipant[] {
  return ids.slice(0, n).map((callId, i) => ({
    callId,
    cli: `+4670${1_000_000 + i}`,
    duration: 600 - i + s,
    muted: muted.has(callId),
    onhold: false,
    label: null,
    name: names.get(callId) ?? null,
  }));
}

// The console's handlers and elements: one object each for its life.
const handlers = {} as RowHandlers;
const elements = new RowElements();

const context = (over: Partial<RowContext> = {}): RowContext => ({
  pendingIds: new Set(),
  unconfirmedIds: new Set(),
  confirmedIds: new Set(),
  selection: EMPTY_SELECTION,
  focusedId: null,
  joinedIds: new Set(),
  selectable: true,
  controlDenied: null,
  moh: "music1",
  handlers,
  elements,
  ...over,
});

/** Each row's props as the console makes them from one poll, by call id (stable-rows → overlay → view → rowProps). */
function propsOf(
  stable: StableRows,
  s: number,
  muted: ReadonlySet<string>,
  c: RowContext,
  n = 50,
  names: ReadonlyMap<string, string> = new Map(),
) {
  const polled = stable.rows({
    participants: sinch(s, muted, n, names),
    fetchedAt: new Date(T0 + s * 1000).toISOString(),
    receivedAt: T0 + s * 1000 + 40,
  });
  const { participants } = applyPending(polled, []);
  const { rows } = viewParticipants(participants, { query: "", filter: "all", sort: "joined" });
  return new Map(rows.map((p) => [p.callId, rowProps(p, c)]));
}

/** The rows whose memo comparison says they must re-render between two polls. */
function rerendered(before: Map<string, ReturnType<typeof rowProps>>, after: Map<string, ReturnType<typeof rowProps>>) {
  return [...after].filter(([id, props]) => !sameRowProps(before.get(id)!, props)).map(([id]) => id);
}

describe("which rows a poll re-renders", () => {
  it("a poll in which only durations grew re-renders no row", () => {
    const stable = new StableRows();
    const c = context();
    const before = propsOf(stable, 0, new Set(), c);
    const after = propsOf(stable, 2, new Set(), c);
    expect(rerendered(before, after)).toEqual([]);
  });

  it("a poll that changes one participant re-renders that row only", () => {
    const stable = new StableRows();
    const c = context();
    const before = propsOf(stable, 0, new Set(), c);
    const after = propsOf(stable, 2, new Set(["call-17"]), c);
    expect(rerendered(before, after)).toEqual(["call-17"]);
  });

  it("a name given in the directory re-renders that row only, and an unchanged name none", () => {
    const stable = new StableRows();
    const c = context();
    const named = new Map([["call-9", "Ann Example"]]);
    const before = propsOf(stable, 0, new Set(), c);
    const after = propsOf(stable, 2, new Set(), c, 50, named);
    expect(rerendered(before, after)).toEqual(["call-9"]);
    expect(after.get("call-9")!.participant.name).toBe("Ann Example");
    const later = propsOf(stable, 4, new Set(), c, 50, named);
    expect(rerendered(after, later)).toEqual([]);
    const renamed = propsOf(stable, 6, new Set(), c, 50, new Map([["call-9", "Ann Renamed"]]));
    expect(rerendered(later, renamed)).toEqual(["call-9"]);
  });

  it("a command in flight re-renders its row only, with new sets for pending ids each render", () => {
    const stable = new StableRows();
    const before = propsOf(stable, 0, new Set(), context());
    const after = propsOf(stable, 2, new Set(), context({ pendingIds: new Set(["call-3"]) }));
    expect(rerendered(before, after)).toEqual(["call-3"]);
  });

  it("moving focus re-renders the two rows it leaves and reaches", () => {
    const stable = new StableRows();
    const before = propsOf(stable, 0, new Set(), context({ focusedId: "call-1" }));
    const after = propsOf(stable, 0, new Set(), context({ focusedId: "call-2" }));
    expect(rerendered(before, after)).toEqual(["call-1", "call-2"]);
  });
});

describe("the join highlight", () => {
  /** One poll through the presence tracker and the rows, as the console does. */
  function pollWithPresence(stable: StableRows, tracker: PresenceTracker, s: number, n: number) {
    const list = sinch(s, new Set(), n);
    const { joinedIds } = tracker.update(list, T0 + s * 1000, true);
    return propsOf(stable, s, new Set(), context({ joinedIds }), n);
  }

  it("a join re-renders no existing row; a later poll keeps the new row as it is; its end re-renders that row only", () => {
    const stable = new StableRows();
    const tracker = new PresenceTracker();
    const first = pollWithPresence(stable, tracker, 0, 50);
    expect([...first.values()].some((p) => p.joined)).toBe(false);
    const joined = pollWithPresence(stable, tracker, 2, 51);
    expect(joined.get("call-50")?.joined).toBe(true);
    expect(rerendered(first, new Map([...joined].filter(([id]) => id !== "call-50")))).toEqual([]);
    // The highlight runs out as a CSS animation: the next polls change no row.
    const next = pollWithPresence(stable, tracker, 4, 51);
    expect(rerendered(joined, next)).toEqual([]);
    // Its mark is dropped on a poll well after the animation: that row alone re-renders.
    const later = pollWithPresence(stable, tracker, 2 + HIGHLIGHT_KEEP_MS / 1000, 51);
    expect(rerendered(next, later)).toEqual(["call-50"]);
  });
});

describe("sameRowProps", () => {
  it("compares every prop by identity, virtualised positions included", () => {
    const [p] = new StableRows().rows({
      participants: sinch(0),
      fetchedAt: new Date(T0).toISOString(),
      receivedAt: T0,
    });
    const a = { ...rowProps(p!, context()), dataIndex: 3, setSize: 50, offset: 168 };
    expect(sameRowProps(a, { ...a })).toBe(true);
    expect(sameRowProps(a, { ...a, offset: 224 })).toBe(false);
    expect(sameRowProps(a, { ...a, participant: { ...p! } })).toBe(false);
    const { offset: _dropped, ...withoutOffset } = a;
    expect(sameRowProps(a, withoutOffset)).toBe(false);
  });
});
