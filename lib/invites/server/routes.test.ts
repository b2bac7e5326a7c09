/**
 * The invites routes through real requests against the real emulator: who may read,
 * edit and dial; a paste's bad lines named by line, the good ones added; a contact's
 * other number counting as present; "Dial everyone missing" calling exactly the
 * confirmed invitees still missing (checked in the emulator's calls), the left ones
 * only when asked; each change and the dial audited; the attendance CSV's no-show rows.
 * (Test code: sets process.env before loading routes.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../audit/csv";
import type { RunningEmulator } from "../../sinch/emulator";
import { waitFor } from "../../sinch/emulator/testing/http";
import { moderator, admin, call, envelope, support, type Who } from "../../testing/route-requests";
import { readLive } from "../../testing/live-poll";
import { routeWorldForFile } from "../../testing/route-world";
import type { AddInvitesResult, DialMissingResult, InvitesResponse } from "../types";

type InvitesRoute = typeof import("../../../app/api/conferences/[conferenceId]/invites/route");
type DialRoute = typeof import("../../../app/api/conferences/[conferenceId]/invites/dial/route");
type LiveRoute = typeof import("../../../app/api/conferences/[conferenceId]/participants/route");
type CsvRoute = typeof import("../../../app/api/conferences/[conferenceId]/attendance.csv/route");

let emu: RunningEmulator;
let invites: InvitesRoute;
let dial: DialRoute;
let liveRoute: LiveRoute;
let csvRoute: CsvRoute;
let auditRows: (action: string, conferenceId: string) => Promise<{ outcome: string; params: string | null }[]>;

const world = routeWorldForFile({
  name: "invites",
  env: { GAVEL_POLL_INTERVAL_MS: "1000", GAVEL_DEFAULT_COUNTRY: "SE" },
  emulator: { ringMs: 100 },
});

beforeAll(async () => {
  emu = world.emu;
  invites = await import("../../../app/api/conferences/[conferenceId]/invites/route");
  dial = await import("../../../app/api/conferences/[conferenceId]/invites/dial/route");
  liveRoute = await import("../../../app/api/conferences/[conferenceId]/participants/route");
  csvRoute = await import("../../../app/api/conferences/[conferenceId]/attendance.csv/route");
  const { db } = await import("../../db");
  auditRows = async (action, conferenceId) =>
    (await db()).kysely
      .selectFrom("audit_log")
      .select(["outcome", "params"])
      .where("action", "=", action)
      .where("conference_id", "=", conferenceId)
      .orderBy("at")
      .execute();
});

let seq = 0;
const newId = () => `invites-${process.pid}-${++seq}`;
const path = (id: string, rest = "") => `/api/conferences/${id}/invites${rest}`;

function list(id: string, as: Who | null = moderator) {
  return call(invites.GET, { method: "GET", as: as ?? undefined, path: path(id), params: { conferenceId: id } });
}
function add(id: string, body: unknown, as: Who = support) {
  return call(invites.POST, { as, path: path(id), params: { conferenceId: id }, body: JSON.stringify(body) });
}
function remove(id: string, number: string, as: Who = support) {
  return call(invites.DELETE, {
    method: "DELETE",
    as,
    path: path(id, `?number=${encodeURIComponent(number)}`),
    params: { conferenceId: id },
  });
}
function dialMissing(id: string, body: unknown, as: Who = support) {
  return call(dial.POST, { as, path: path(id, "/dial"), params: { conferenceId: id }, body: JSON.stringify(body) });
}

async function poll(id: string): Promise<string[]> {
  return (await readLive(liveRoute.GET, id)).participants.map((p) => p.cli);
}

/** Polls (as an open page does, which records attendance) until the room holds exactly these numbers. */
async function pollUntil(id: string, numbers: string[]): Promise<void> {
  const want = [...numbers].sort().join(",");
  await waitFor(async () => ((await poll(id)).sort().join(",") === want ? true : undefined), {
    timeoutMs: 8000,
    intervalMs: 100,
    what: `the room ${id} to hold ${want}`,
  });
}

/** The numbers the emulator was asked to call into this conference. */
const calloutsTo = (id: string) =>
  emu.state
    .listCalls()
    .filter((c) => c.kind === "conferenceCallout" && c.conferenceId === id)
    .map((c) => c.to?.endpoint)
    .sort();

describe("permissions", () => {
  it("moderators read the list; only support and admins edit it and dial; anonymous gets 401", async () => {
    const id = newId();
    for (const who of [moderator, support, admin]) expect((await list(id, who)).status).toBe(200);
    expect((await list(id, null)).status).toBe(401);
    const refused = await add(id, { text: "+46701000001" }, moderator);
    expect(refused.status).toBe(403);
    expect((await envelope(refused)).message).toMatch(/support staff and admins/);
    expect((await remove(id, "+46701000001", moderator)).status).toBe(403);
    expect((await dialMissing(id, { numbers: ["+46701000001"] }, moderator)).status).toBe(403);
    expect((await add(id, { text: "+46701000001" }, admin)).status).toBe(200);
    expect(calloutsTo(id)).toEqual([]);
  });
});

describe("the invite list", () => {
  it("adds the good lines of a paste, names each bad line, keeps numbers once, and audits the change", async () => {
    const id = newId();
    const res = await add(id, {
      text: "number,name\n070-100 00 01,Ann\nnot a number\n+46701000002\n+46 70 100 00 01\n",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as AddInvitesResult;
    expect(body.added).toEqual(["+46701000001", "+46701000002"]);
    expect(body.errors.map((e) => [e.line, e.number])).toEqual([
      [3, "not a number"],
      [5, "+46 70 100 00 01"],
    ]);
    expect(body.errors[1]?.message).toMatch(/line 2/);
    expect(body.invites.map((i) => [i.number, i.label, i.seen])).toEqual([
      ["+46701000001", "Ann", false],
      ["+46701000002", null, false],
    ]);
    const again = (await (await add(id, { numbers: ["+46701000002"] })).json()) as AddInvitesResult;
    expect(again).toMatchObject({ added: [], already: ["+46701000002"] });
    const rows = await auditRows("invites.add", id);
    expect(rows.map((r) => r.outcome)).toEqual(["succeeded", "succeeded"]);
    expect(JSON.parse(rows[0]!.params!)).toMatchObject({ added: 2, already: 0, invalidLines: 2, from: "paste" });

    const gone = await remove(id, "070-100 00 02");
    expect(gone.status).toBe(200);
    const after = (await (await list(id)).json()) as InvitesResponse;
    expect(after.invites.map((i) => i.number)).toEqual(["+46701000001"]);
    expect((await remove(id, "+46701000002")).status).toBe(404);
    expect((await auditRows("invites.remove", id)).map((r) => r.outcome)).toEqual(["succeeded", "failed"]);
  });

  it("names invitees from the directory and counts a contact present on any of its numbers", async () => {
    const id = newId();
    const { db } = await import("../../db");
    const { createContact } = await import("../../db/contacts");
    await createContact(await db(), {
      name: "Dana Desk",
      numbers: ["+46701000011", "+46701000012"],
      organisation: null,
      notes: null,
    });
    await add(id, { numbers: ["+46701000011", "+46701000013"] });
    // Dana joins from her other number.
    emu.state.putRoom(id, [{ cli: "+46701000012" }]);
    await pollUntil(id, ["+46701000012"]);
    const b = (await (await list(id)).json()) as InvitesResponse;
    expect(b.invites[0]).toMatchObject({
      number: "+46701000011",
      name: "Dana Desk",
      matchNumbers: ["+46701000011", "+46701000012"],
      seen: true,
    });
    const res = (await (
      await dialMissing(id, { numbers: ["+46701000011", "+46701000013"] })
    ).json()) as DialMissingResult;
    expect(res.skipped).toEqual([{ number: "+46701000011", reason: "present" }]);
    expect(calloutsTo(id)).toEqual(["+46701000013"]);
  });
});

describe("Dial everyone missing", () => {
  it("calls exactly the confirmed invitees still missing, as one dial list; the left ones only when asked; audited", async () => {
    const id = newId();
    const [present, missing1, missing2, leaver, unconfirmed] = [
      "+46701000021",
      "+46701000022",
      "+46701000023",
      "+46701000024",
      "+46701000025",
    ];
    const room = emu.state.putRoom(id, [{ cli: present }, { cli: leaver }]);
    await pollUntil(id, [present, leaver]);
    emu.state.hangUpParticipant(id, room.participants[1]!.callId);
    await pollUntil(id, [present]);
    await add(id, { text: [present, missing1, missing2, leaver, unconfirmed].join("\n") });

    const res = await dialMissing(id, { numbers: [present, missing1, missing2, leaver] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as DialMissingResult;
    expect(body.batch?.placed).toBe(2);
    expect(body.batch?.results.map((r) => r.callout?.destination.endpoint).sort()).toEqual([missing1, missing2]);
    expect(body.skipped).toEqual([
      { number: present, reason: "present" },
      { number: leaver, reason: "left" },
    ]);
    // Sinch was asked for exactly the two missing: not the one present, the one who left, or the unconfirmed one.
    expect(calloutsTo(id)).toEqual([missing1, missing2]);
    const [entry] = await auditRows("invites.dial", id);
    expect(entry?.outcome).toBe("succeeded");
    expect(JSON.parse(entry!.params!)).toMatchObject({
      confirmed: 4,
      includeLeft: false,
      placed: 2,
      skipped: 2,
      batchId: body.batch?.batchId,
    });
    // Each callout is on the trail too, with the dial list's batch.
    const callouts = await auditRows("callout.conference", id);
    expect(callouts.map((r) => JSON.parse(r.params!).batchId)).toEqual([body.batch?.batchId, body.batch?.batchId]);

    // They join; now the one who left is dialled when asked.
    await pollUntil(id, [present, missing1, missing2]);
    const left = (await (
      await dialMissing(id, { numbers: [missing1, leaver], includeLeft: true })
    ).json()) as DialMissingResult;
    expect(left.skipped).toEqual([{ number: missing1, reason: "present" }]);
    expect(calloutsTo(id)).toEqual([missing1, missing2, leaver]);
  });

  it("places nothing when everyone confirmed has joined meanwhile, and refuses an empty confirmation", async () => {
    const id = newId();
    await add(id, { text: "+46701000031" });
    // A page's poll has just cached the empty room; then the invitee joins.
    expect(await poll(id)).toEqual([]);
    emu.state.putRoom(id, [{ cli: "+46701000031" }]);
    // The server asks Sinch afresh rather than trusting that list: no poll has seen the join yet.
    const res = (await (await dialMissing(id, { numbers: ["+46701000031"] })).json()) as DialMissingResult;
    expect(res).toEqual({ batch: null, skipped: [{ number: "+46701000031", reason: "present" }] });
    expect(calloutsTo(id)).toEqual([]);
    expect((await dialMissing(id, { numbers: [] })).status).toBe(400);
  });
});

describe("the attendance CSV", () => {
  it("lists each invitee who never joined, with name and number, after the stays", async () => {
    const id = newId();
    const { db } = await import("../../db");
    const { createContact } = await import("../../db/contacts");
    await createContact(await db(), {
      name: "Nora Noshow",
      numbers: ["+46701000042"],
      organisation: null,
      notes: null,
    });
    emu.state.putRoom(id, [{ cli: "+46701000041" }]);
    await pollUntil(id, ["+46701000041"]);
    await add(id, { text: "+46701000041\n+46701000042\n+46701000043,Pat Pasted" });
    const res = await call(csvRoute.GET, {
      method: "GET",
      as: moderator,
      path: `/api/conferences/${id}/attendance.csv`,
      params: { conferenceId: id },
    });
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    const col = (name: string) => header!.indexOf(name);
    expect(
      rows.map((r) => [r[col("Number")], r[col("Status")], r[col("Label")], r[col("Name (directory now)")]]),
    ).toEqual([
      ["'+46701000041", "Connected at last poll", "", ""],
      ["'+46701000042", "Invited, never joined", "", "Nora Noshow"],
      ["'+46701000043", "Invited, never joined", "Pat Pasted", ""],
    ]);
  });
});
