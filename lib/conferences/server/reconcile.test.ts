/**
 * Three outcomes and reconciliation against the real emulator over HTTP: a command
 * whose answer comes after Gavel's timeout (carried out) or never (not carried out)
 * is "unknown", and the server alone (no viewer polls here: the reconciler polls the
 * room itself) decides it from Sinch's list: succeeded once the emulator's state
 * shows the effect, failed ("not applied") three poll windows after the first
 * successful list without it. (Test code: sets process.env before loading modules.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../sinch/emulator";
import { routeWorldForFile } from "../../testing/route-world";
import type { Operation } from "../../sinch/emulator/faults";
import { waitFor, type NewFault } from "../../sinch/emulator/testing/http";
import type { ResolvedCommand } from "../schemas";

type Commands = typeof import("./commands");
type Reconcile = typeof import("./reconcile");

const POLL_MS = 1000; // the configuration's smallest window
const TIMEOUT_MS = 1000; // short, yet long enough for a loaded machine to deliver the request
const LATE_MS = 1500; // past the client's timeout

let emu: RunningEmulator;
let commands: Commands;
let reconcile: Reconcile;

const world = routeWorldForFile({
  name: "reconcile",
  emulator: { ringMs: 100 },
  env: { SINCH_TIMEOUT_MS: String(TIMEOUT_MS), GAVEL_POLL_INTERVAL_MS: String(POLL_MS) },
});

beforeAll(async () => {
  emu = world.emu;
  commands = await import("./commands");
  reconcile = await import("./reconcile");
});

let seq = 0;
function ctx() {
  seq++;
  return {
    actor: { id: "u-mod", email: "mod@gavel.test", role: "moderator" as const },
    requestId: `req-${process.pid}-${seq}`,
    clientAddress: "127.0.0.1",
  };
}

function room(prefix: string, n = 2) {
  const id = `${prefix}-${process.pid}-${++seq}`;
  const r = emu.state.putRoom(
    id,
    Array.from({ length: n }, (_, i) => ({ cli: `+4670000${String(i).padStart(4, "0")}` })),
  );
  return { id, callIds: r.participants.map((p) => p.callId) };
}

function fault(operation: Operation, f: NewFault["fault"]) {
  emu.faults.add({ match: { operation }, count: 1, fault: f });
}

const participant = (id: string, callId: string) =>
  emu.state.getRoomView(id)?.participants.find((p) => p.callId === callId);

/** Waits (on the reconciler's own polling) until the command with this request id is decided. */
function decided(conferenceId: string, requestId: string, timeoutMs = 10_000): Promise<ResolvedCommand> {
  return waitFor(() => reconcile.reconcileState(conferenceId).resolved.find((r) => r.requestId === requestId), {
    timeoutMs,
    intervalMs: 50,
    what: `a decision on ${requestId}`,
  });
}

describe("a command carried out but answered after Gavel's timeout", () => {
  it("mute: answers unknown, shows it unconfirmed, then confirms it from Sinch's list", async () => {
    const { id, callIds } = room("mute");
    const target = callIds[0]!;
    fault("manageParticipant", { type: "lateAnswer", ms: LATE_MS });
    const c = ctx();
    const reply = await commands.manageParticipant(c, id, target, { command: "mute" });
    expect(reply).toEqual({
      outcome: "unknown",
      requestId: c.requestId,
      message: "Sinch did not answer in time; Gavel is checking whether the command took effect",
    });
    expect(reconcile.reconcileState(id).unconfirmed).toEqual([
      expect.objectContaining({ requestId: c.requestId, action: "mute", callId: target }),
    ]);
    await waitFor(() => participant(id, target)?.muted || undefined, { what: "the emulator muting" });
    const r = await decided(id, c.requestId);
    expect(r).toMatchObject({ action: "mute", callId: target, outcome: "succeeded" });
    expect(r.note).toMatch(/^seen muted in Sinch's list at /);
    expect(reconcile.reconcileState(id).unconfirmed).toEqual([]);
    // Shown for a minute, so each open page sees it once, then forgotten.
    expect(reconcile.reconcileState(id, Date.parse(r.decidedAt) + 59_000).resolved).toHaveLength(1);
    expect(reconcile.reconcileState(id, Date.parse(r.decidedAt) + 60_000).resolved).toEqual([]);
  });

  it("hold: confirmed once the participant is on hold", async () => {
    const { id, callIds } = room("hold");
    const target = callIds[1]!;
    fault("manageParticipant", { type: "lateAnswer", ms: LATE_MS });
    const c = ctx();
    const reply = await commands.manageParticipant(c, id, target, { command: "onhold", moh: "music1" });
    expect(reply).toMatchObject({ outcome: "unknown" });
    await waitFor(() => participant(id, target)?.onhold || undefined, { what: "the emulator holding" });
    expect(await decided(id, c.requestId)).toMatchObject({ action: "hold", outcome: "succeeded" });
  });

  it("kick with the connection dropped after it was carried out: confirmed once the participant is gone", async () => {
    const { id, callIds } = room("kick");
    const target = callIds[0]!;
    fault("kickParticipant", { type: "droppedAnswer" });
    const c = ctx();
    expect(await commands.kickParticipant(c, id, target, "testing")).toMatchObject({ outcome: "unknown" });
    await waitFor(() => (participant(id, target) ? undefined : true), { what: "the emulator kicking" });
    expect(await decided(id, c.requestId)).toMatchObject({ action: "kick", callId: target, outcome: "succeeded" });
  });

  it("kick all: answers unknown without kicking stragglers itself, confirmed by the room being empty", async () => {
    const { id } = room("all", 3);
    fault("kickAll", { type: "lateAnswer", ms: LATE_MS });
    const c = ctx();
    expect(await commands.kickAll(c, id)).toMatchObject({ outcome: "unknown", requestId: c.requestId });
    expect(
      await decided(id, c.requestId).then((r) => [r.action, r.callId, r.outcome, r.note.split(" at ")[0]]),
    ).toEqual(["kick_all", null, "succeeded", "seen the room empty in Sinch's list"]);
    const kicks = emu.requests.since(0).filter((r) => r.operation === "kickParticipant" && r.decodedPath.includes(id));
    expect(kicks).toHaveLength(0);
  });

  it("bulk: each participant has its outcome, and the unknown ones are counted apart", async () => {
    const { id, callIds } = room("bulk", 3);
    emu.faults.add({ match: { operation: "manageParticipant" }, count: 1, fault: { type: "lateAnswer", ms: LATE_MS } });
    const c = ctx();
    const answer = await commands.bulkAction(c, id, { action: "mute", all: true });
    expect([answer.succeeded, answer.failed, answer.unknown]).toEqual([2, 0, 1]);
    const unknown = answer.results.find((r) => r.outcome === "unknown");
    expect(unknown).toMatchObject({ ok: false });
    expect(callIds).toContain(unknown?.callId);
    expect(await decided(id, c.requestId)).toMatchObject({ callId: unknown?.callId, outcome: "succeeded" });
  });
});

describe("a command Sinch never carried out", () => {
  it("mute that hangs past the timeout: unknown, then failed three windows after the first list", async () => {
    const { id, callIds } = room("hang");
    const target = callIds[0]!;
    fault("manageParticipant", { type: "hang" });
    const c = ctx();
    const sent = Date.now();
    expect(await commands.manageParticipant(c, id, target, { command: "mute" })).toMatchObject({
      outcome: "unknown",
    });
    const r = await decided(id, c.requestId);
    expect(participant(id, target)?.muted).toBe(false);
    expect(r).toMatchObject({ action: "mute", outcome: "failed" });
    expect(r.note).toMatch(/^not applied: still not muted in Sinch's list at /);
    // Three windows after the first list that followed the command, which came at least one window after it.
    expect(Date.parse(r.decidedAt) - sent).toBeGreaterThanOrEqual(3 * POLL_MS);
  });

  it("kick whose connection dropped before it was carried out: failed, and the participant stays", async () => {
    const { id, callIds } = room("drop");
    const target = callIds[1]!;
    fault("kickParticipant", { type: "drop" });
    const c = ctx();
    expect(await commands.kickParticipant(c, id, target, undefined)).toMatchObject({ outcome: "unknown" });
    expect(await decided(id, c.requestId)).toMatchObject({ action: "kick", outcome: "failed" });
    expect(participant(id, target)).toBeDefined();
  });

  it("counts the windows from the first successful list: a Sinch down meanwhile is not 'not applied'", async () => {
    const { id, callIds } = room("down");
    const target = callIds[0]!;
    fault("manageParticipant", { type: "hang" });
    // Every list fails for a while (GETs are retried: enough faults for several rounds).
    emu.faults.add({
      match: { operation: "getConference" },
      count: 12,
      fault: { type: "status", status: 503, message: "down for maintenance" },
    });
    const c = ctx();
    await commands.manageParticipant(c, id, target, { command: "mute" });
    const r = await decided(id, c.requestId, 15_000);
    expect(r.outcome).toBe("failed");
    const firstGood = emu.requests
      .since(0)
      .filter((q) => q.operation === "getConference" && q.decodedPath.includes(id) && q.status === 200)[0];
    expect(firstGood).toBeDefined();
    expect(Date.parse(r.decidedAt) - Date.parse(firstGood!.time)).toBeGreaterThanOrEqual(3 * POLL_MS - 50);
  });

  it("a refusal with a readable error is a failure at once, not unknown", async () => {
    const { id, callIds } = room("refused");
    fault("manageParticipant", { type: "status", status: 503 });
    await expect(commands.manageParticipant(ctx(), id, callIds[0]!, { command: "mute" })).rejects.toMatchObject({
      kind: "http",
      status: 503,
    });
    expect(reconcile.reconcileState(id).unconfirmed).toEqual([]);
  });
});
