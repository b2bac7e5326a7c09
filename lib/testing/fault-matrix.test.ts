/**
 * The fault matrix (issue 11, "Keep it closed"): every fault the emulator can inject
 * × every operation Gavel sends to Sinch, through the real routes (NextRequests with
 * a session cookie, lib/testing/route-requests.ts) against a real emulator over HTTP.
 * Each cell checks what Gavel answered (HTTP status and error code), what the audit
 * trail first recorded (succeeded, failed, unknown; reads are not audited), and that
 * once the fault is removed the same call succeeds. The expected table is data
 * (./fault-matrix.ts), and README's "Fault matrix" table must be that table.
 * Test code: sets process.env before loading the routes.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "../sinch/emulator";
import type { Operation as SinchOperation } from "../sinch/emulator/faults";
import {
  FAULTS,
  FAULT_MATRIX,
  OPERATIONS,
  README_END,
  README_START,
  renderFaultMatrix,
  type Expected,
  type OperationName,
} from "./fault-matrix";
import { call, type Who } from "./route-requests";
import { routeWorldForFile } from "./route-world";

type ParticipantRoute = typeof import("../../app/api/conferences/[conferenceId]/participants/[callId]/route");
type LiveRoute = typeof import("../../app/api/conferences/[conferenceId]/participants/route");
type ConferenceRoute = typeof import("../../app/api/conferences/[conferenceId]/route");
type BulkRoute = typeof import("../../app/api/conferences/[conferenceId]/bulk/route");
type CalloutsRoute = typeof import("../../app/api/callouts/route");

/** Short, so "latency past the timeout" and "hang" cost half a second each. */
const SINCH_TIMEOUT_MS = 500;

const ops: Who = { uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0a09", email: "ops-admin@example.com", role: "admin" };

let emu: RunningEmulator;
let routes: {
  participant: ParticipantRoute;
  live: LiveRoute;
  conference: ConferenceRoute;
  bulk: BulkRoute;
  callouts: CalloutsRoute;
};
let auditOf: (requestId: string) => Promise<{ action: string; outcome: string }[]>;

const world = routeWorldForFile({
  name: "fault-matrix",
  emulator: { applicationKey: "matrix-key", applicationSecret: "bWF0cml4LXNlY3JldA==", ringMs: 100 },
  env: { SINCH_TIMEOUT_MS: String(SINCH_TIMEOUT_MS), GAVEL_POLL_INTERVAL_MS: "1000" },
});

beforeAll(async () => {
  emu = world.emu;
  routes = {
    participant: await import("../../app/api/conferences/[conferenceId]/participants/[callId]/route"),
    live: await import("../../app/api/conferences/[conferenceId]/participants/route"),
    conference: await import("../../app/api/conferences/[conferenceId]/route"),
    bulk: await import("../../app/api/conferences/[conferenceId]/bulk/route"),
    callouts: await import("../../app/api/callouts/route"),
  };
  const { db } = await import("../db");
  const { historyOf } = await import("../db/audit-history");
  // What each entry of a request first said: a later decision (reconciliation) is in its history.
  auditOf = async (requestId) => {
    const database = await db();
    const rows = await database.kysely
      .selectFrom("audit_log")
      .select(["id", "action", "outcome"])
      .where("request_id", "=", requestId)
      .execute();
    const history = await historyOf(
      database,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ action: r.action, outcome: history.get(r.id)?.[0]?.from ?? r.outcome }));
  };
});

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

let seq = 0;
interface Room {
  id: string;
  callIds: string[];
}
function room(): Room {
  const id = `matrix-${process.pid}-${++seq}`;
  const r = emu.state.putRoom(
    id,
    Array.from({ length: 3 }, (_, i) => ({ cli: `+4670200${String(seq * 10 + i).padStart(4, "0")}` })),
  );
  return { id, callIds: r.participants.map((p) => p.callId) };
}

const participant = (r: Room, i: number) => ({
  path: `/api/conferences/${r.id}/participants/${r.callIds[i]}`,
  params: { conferenceId: r.id, callId: r.callIds[i]! },
});

function manage(command: string, moh?: string) {
  return (r: Room) =>
    call(routes.participant.PATCH, {
      method: "PATCH",
      as: ops,
      ...participant(r, 0),
      body: JSON.stringify({ command, ...(moh ? { moh } : {}) }),
    });
}

function placeCallout(body: (r: Room) => Record<string, unknown>) {
  return (r: Room) =>
    call(routes.callouts.POST, {
      method: "POST",
      as: ops,
      path: "/api/callouts",
      params: {},
      headers: { "idempotency-key": randomUUID(), "content-type": "application/json" },
      body: JSON.stringify(body(r)),
    });
}

/**
 * How each operation is called, which Sinch operation carries the fault, and the
 * call that must succeed once the fault is gone: the same call, on another
 * participant (a kick) or another room (end meeting) when the first one may have
 * been carried out.
 */
const CALLS: Record<
  OperationName,
  {
    sinch: SinchOperation;
    pathScoped: boolean;
    run: (r: Room) => Promise<Response>;
    again?: (r: Room) => Promise<Response>;
  }
> = {
  mute: { sinch: "manageParticipant", pathScoped: true, run: manage("mute") },
  unmute: { sinch: "manageParticipant", pathScoped: true, run: manage("unmute") },
  hold: { sinch: "manageParticipant", pathScoped: true, run: manage("onhold", "music1") },
  resume: { sinch: "manageParticipant", pathScoped: true, run: manage("resume") },
  kick: {
    sinch: "kickParticipant",
    pathScoped: true,
    run: (r) => call(routes.participant.DELETE, { method: "DELETE", as: ops, ...participant(r, 0) }),
    again: (r) => call(routes.participant.DELETE, { method: "DELETE", as: ops, ...participant(r, 1) }),
  },
  "end meeting": {
    sinch: "kickAll",
    pathScoped: true,
    run: (r) =>
      call(routes.conference.DELETE, {
        method: "DELETE",
        as: ops,
        path: `/api/conferences/${r.id}`,
        params: { conferenceId: r.id },
      }),
    again: () => {
      const fresh = room();
      return call(routes.conference.DELETE, {
        method: "DELETE",
        as: ops,
        path: `/api/conferences/${fresh.id}`,
        params: { conferenceId: fresh.id },
      });
    },
  },
  "bulk mute": {
    sinch: "manageParticipant",
    pathScoped: true,
    run: (r) =>
      call(routes.bulk.POST, {
        method: "POST",
        as: ops,
        path: `/api/conferences/${r.id}/bulk`,
        params: { conferenceId: r.id },
        body: JSON.stringify({ action: "mute", callIds: r.callIds.slice(0, 2) }),
      }),
  },
  "conference callout": {
    sinch: "placeCallout",
    pathScoped: false,
    run: placeCallout((r) => ({
      type: "conference",
      destination: { type: "number", endpoint: "+12025550177" },
      conferenceId: r.id,
    })),
  },
  "TTS callout": {
    sinch: "placeCallout",
    pathScoped: false,
    run: placeCallout(() => ({
      type: "tts",
      destination: { type: "number", endpoint: "+12025550178" },
      text: "The meeting starts now.",
    })),
  },
  "custom callout": {
    sinch: "placeCallout",
    pathScoped: false,
    run: placeCallout((r) => ({
      type: "custom",
      destination: { type: "number", endpoint: "+12025550179" },
      ice: JSON.stringify({ action: { name: "connectConf", conferenceId: r.id } }),
    })),
  },
  "participants GET": {
    sinch: "getConference",
    pathScoped: true,
    run: (r) =>
      call(routes.live.GET, {
        method: "GET",
        as: ops,
        path: `/api/conferences/${r.id}/participants`,
        params: { conferenceId: r.id },
      }),
  },
};

interface Seen extends Expected {
  retryAfter?: string | null;
}

/** What Gavel answered and audited for one call, in the table's terms. */
async function observe(res: Response, operation: OperationName): Promise<Seen> {
  const body = (await res.json()) as {
    error?: { code: string };
    outcome?: string;
    results?: { outcome: string; error?: { code: string } }[];
  };
  const requestId = res.headers.get("x-request-id") ?? "";
  const entries = await auditOf(requestId);
  const bulk = operation === "bulk mute";
  // A bulk answers 200 with a result per participant; its summary entry is described apart.
  const results = body.results ?? [];
  const code = bulk
    ? sameOrMixed(results.map((r) => r.error?.code ?? "-"))
    : body.outcome === "unknown"
      ? "outcome_unknown"
      : (body.error?.code ?? "-");
  const commandEntries = entries.filter((e) => !e.action.startsWith("bulk."));
  const audit = commandEntries.length === 0 ? "-" : sameOrMixed(commandEntries.map((e) => e.outcome));
  return {
    status: res.status,
    code,
    audit,
    ...(res.status === 429 ? { retryAfter: res.headers.get("retry-after") } : {}),
  };
}

function sameOrMixed(values: string[]): string {
  const distinct = [...new Set(values)];
  return distinct.length === 1 ? distinct[0]! : `mixed: ${distinct.join(", ")}`;
}

function expectedCell(fault: string, operation: OperationName): Expected {
  const cell = FAULT_MATRIX[fault]?.[operation];
  if (!cell) throw new Error(`the fault matrix has no cell for ${fault} × ${operation}`);
  return cell;
}

const cells = FAULTS.flatMap((fault) => OPERATIONS.map((operation) => ({ fault, operation })));

describe("fault matrix", () => {
  it.each(cells)("$fault.name × $operation", async ({ fault, operation }) => {
    const c = CALLS[operation];
    const r = room();
    // Enough to outlast the client's retries of a read; removed below, as a fault that clears.
    const injected = emu.faults.add({
      match: { operation: c.sinch, ...(c.pathScoped ? { path: r.id } : {}) },
      count: 10,
      fault: fault.spec,
    });

    const seen = await observe(await c.run(r), operation);
    const cell = expectedCell(fault.name, operation);
    // Gavel passes Sinch's Retry-After on with its 429.
    const retryAfter = fault.spec.type === "status" ? fault.spec.retryAfter : undefined;
    expect(seen).toEqual({ ...cell, ...(cell.status === 429 ? { retryAfter: String(retryAfter) } : {}) });

    emu.faults.remove(injected.id);
    const recovered = await (c.again ?? c.run)(r);
    const after = await observe(recovered, operation);
    expect(after, "the same call once the fault has cleared").toEqual(expectedCell("none", operation));
  });
});

describe("README", () => {
  it("has the fault matrix this test checks", () => {
    const readme = readFileSync(path.join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    expect(start, `README.md has ${README_START}`).toBeGreaterThan(-1);
    const table = readme.slice(start + README_START.length, end);
    const cellsOf = (markdown: string) =>
      markdown
        .trim()
        .split("\n")
        .filter((line) => !/^\|[\s:-]+\|/.test(line) || /[a-z0-9]/i.test(line))
        .map((line) =>
          line
            .split("|")
            .slice(1, -1)
            .map((cell) => cell.trim()),
        );
    expect(cellsOf(table)).toEqual(cellsOf(renderFaultMatrix()));
  });
});
