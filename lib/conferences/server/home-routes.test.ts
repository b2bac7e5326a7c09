/**
 * The home's routes: GET /api/conferences searched and filtered (`q`, `show`, "mine"
 * from the caller's own audit entries), and POST /api/conferences/:id/forget (admins
 * only; audited; the history stays; opened again, the conference comes back as new).
 * Through real NextRequests and session cookies. (Test code: sets process.env before
 * loading routes.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { moderator, admin, call, envelope, support, type Who } from "../../testing/route-requests";
import { routeWorldForFile } from "../../testing/route-world";
import type { ConferenceListReply, ConferenceSummary } from "../schemas";

type ListRoute = typeof import("../../../app/api/conferences/route");
type ConferenceRoute = typeof import("../../../app/api/conferences/[conferenceId]/route");
type ForgetRoute = typeof import("../../../app/api/conferences/[conferenceId]/forget/route");
type AuditRoute = typeof import("../../../app/api/audit/route");

let listRoute: ListRoute;
let conferenceRoute: ConferenceRoute;
let forgetRoute: ForgetRoute;
let auditRoute: AuditRoute;
const prefix = `home-${process.pid}`;

routeWorldForFile({ name: "home" });

beforeAll(async () => {
  listRoute = await import("../../../app/api/conferences/route");
  conferenceRoute = await import("../../../app/api/conferences/[conferenceId]/route");
  forgetRoute = await import("../../../app/api/conferences/[conferenceId]/forget/route");
  auditRoute = await import("../../../app/api/audit/route");
  // 61 conferences opened; the moderator renames one and pins another.
  for (let i = 0; i < 61; i++) await open(`${prefix}-${String(i).padStart(2, "0")}`);
  await patch(moderator, `${prefix}-07`, { displayName: "Board meeting" });
  await patch(admin, `${prefix}-33`, { pinned: true });
});

async function open(conferenceId: string) {
  const res = await call(listRoute.POST, {
    method: "POST",
    as: admin,
    path: "/api/conferences",
    body: JSON.stringify({ conferenceId }),
  });
  expect(res.status).toBe(200);
}

async function patch(as: Who, conferenceId: string, body: object) {
  const res = await call(conferenceRoute.PATCH, {
    method: "PATCH",
    as,
    path: `/api/conferences/${conferenceId}`,
    params: { conferenceId },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

async function list(as: Who, query = ""): Promise<ConferenceListReply> {
  const res = await call(listRoute.GET, { method: "GET", as, path: `/api/conferences${query}` });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ConferenceListReply;
}
const ids = (r: ConferenceListReply) => r.conferences.map((c) => c.conferenceId);

describe("GET /api/conferences", () => {
  it("lists all, pinned first, with the total", async () => {
    const all = await list(support);
    expect(all.total).toBe(61);
    expect(ids(all)[0]).toBe(`${prefix}-33`);
  });

  it("searches ids and names, and filters by pinned and by what the caller did", async () => {
    expect(ids(await list(support, `?q=${prefix}-5`))).toHaveLength(10);
    expect(ids(await list(support, "?q=BOARD"))).toEqual([`${prefix}-07`]);
    expect(ids(await list(support, "?show=pinned"))).toEqual([`${prefix}-33`]);
    expect(ids(await list(moderator, "?show=mine"))).toEqual([`${prefix}-07`]);
    expect(ids(await list(admin, "?show=mine"))).toEqual([`${prefix}-33`]);
    expect(ids(await list(support, "?show=mine"))).toEqual([]);
  });

  it("refuses a filter it does not know and a search too long", async () => {
    const bad = await call(listRoute.GET, { method: "GET", as: support, path: "/api/conferences?show=everything" });
    expect(bad.status).toBe(400);
    expect((await envelope(bad)).code).toBe("validation_failed");
    const long = await call(listRoute.GET, {
      method: "GET",
      as: support,
      path: `/api/conferences?q=${"x".repeat(101)}`,
    });
    expect(long.status).toBe(400);
  });
});

describe("POST /api/conferences/:id/forget", () => {
  const forget = (as: Who, conferenceId: string) =>
    call(forgetRoute.POST, {
      method: "POST",
      as,
      path: `/api/conferences/${conferenceId}/forget`,
      params: { conferenceId },
    });

  it("is for admins only", async () => {
    for (const who of [moderator, support]) {
      const res = await forget(who, `${prefix}-07`);
      expect(res.status).toBe(403);
      expect((await envelope(res)).message).toBe("Only admins can forget a conference.");
    }
    expect(ids(await list(support, "?q=board"))).toEqual([`${prefix}-07`]);
  });

  it("takes it off the list, audited, keeps its history, and it comes back as new when opened", async () => {
    const res = await forget(admin, `${prefix}-07`);
    expect(res.status).toBe(200);
    const { forgotten } = (await res.json()) as { forgotten: ConferenceSummary };
    expect(forgotten).toMatchObject({ conferenceId: `${prefix}-07`, displayName: "Board meeting" });
    expect((await list(support)).total).toBe(60);
    expect(ids(await list(support, `?q=${prefix}-07`))).toEqual([]);

    const audit = await call(auditRoute.GET, {
      method: "GET",
      as: admin,
      path: `/api/audit?conferenceId=${prefix}-07`,
    });
    const actions = ((await audit.json()) as { entries: { action: string }[] }).entries.map((e) => e.action);
    // Newest first: the forget, and the rename before it is still there.
    expect(actions).toEqual(["conference.forget", "conference.rename"]);

    expect((await forget(admin, `${prefix}-07`)).status).toBe(404);
    await open(`${prefix}-07`);
    const back = await list(support, `?q=${prefix}-07`);
    expect(back.conferences).toEqual([expect.objectContaining({ displayName: null, pinned: false })]);
  });
});
