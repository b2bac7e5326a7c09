/**
 * "Name this number" and the number lookup through real NextRequests: moderators may
 * name a caller (add a contact with that one number, or rename its holder) though
 * they cannot otherwise change the directory; nothing but the name can be sent;
 * the lookup reads a number typed any way. Test code: sets process.env before
 * loading routes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { admin, call, envelope, support, TEST_ROUTE_ENV, type Who } from "../../testing/route-requests";
import type { NameNumberResult, NumberLookup } from "../schemas";

type NameRoute = typeof import("../../../app/api/directory/name-number/route");
type LookupRoute = typeof import("../../../app/api/directory/lookup/route");
type ContactsRoute = typeof import("../../../app/api/directory/contacts/route");

const moderator: Who = { uid: "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0a07", email: "mod@gavel.test", role: "moderator" };

let dataDir: string;
let nameRoute: NameRoute;
let lookupRoute: LookupRoute;
let contacts: ContactsRoute;
let closeDb: () => Promise<void>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "gavel-name-number-"));
  Object.assign(process.env, { ...TEST_ROUTE_ENV, GAVEL_DATA_DIR: dataDir, GAVEL_DEFAULT_COUNTRY: "GB" });
  (await import("../../config/env")).resetConfigForTests();
  nameRoute = await import("../../../app/api/directory/name-number/route");
  lookupRoute = await import("../../../app/api/directory/lookup/route");
  contacts = await import("../../../app/api/directory/contacts/route");
  closeDb = (await import("../../db")).closeDb;
});
afterAll(async () => {
  await closeDb?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

const name = (as: Who | undefined, body: unknown) =>
  call(nameRoute.POST, { as, path: "/api/directory/name-number", body: JSON.stringify(body) });
const lookup = async (as: Who | undefined, number: string) =>
  call(lookupRoute.GET, { method: "GET", as, path: `/api/directory/lookup?number=${encodeURIComponent(number)}` });

describe("name this number", () => {
  it("lets every role name a caller, moderators included, who still cannot add contacts otherwise", async () => {
    const refused = await call(contacts.POST, {
      as: moderator,
      path: "/api/directory/contacts",
      body: JSON.stringify({ name: "Nope", numbers: ["020 7946 0201"] }),
    });
    expect(refused.status).toBe(403);

    const made = await name(moderator, { number: "020 7946 0201", name: "  Dana Dial-in " });
    expect(made.status).toBe(200);
    const created = (await made.json()) as NameNumberResult;
    expect(created).toMatchObject({ created: true, contact: { name: "Dana Dial-in", numbers: ["+442079460201"] } });

    const renamed = (await (
      await name(support, { number: "+442079460201", name: "Dana D" })
    ).json()) as NameNumberResult;
    expect(renamed).toMatchObject({ created: false, contact: { id: created.contact.id, name: "Dana D" } });
    const again = (await (await name(admin, { number: "+442079460201", name: "Dana E" })).json()) as NameNumberResult;
    expect(again.contact.name).toBe("Dana E");
  });

  it("renames only: the holder's other numbers, organisation and notes stay", async () => {
    const res = await call(contacts.POST, {
      as: admin,
      path: "/api/directory/contacts",
      body: JSON.stringify({
        name: "Eve",
        numbers: ["+442079460301", "+442079460302"],
        organisation: "Org",
        notes: "n",
      }),
    });
    expect(res.status).toBe(200);
    const r = (await (
      await name(moderator, { number: "+442079460302", name: "Eve Renamed" })
    ).json()) as NameNumberResult;
    expect(r.contact).toMatchObject({
      name: "Eve Renamed",
      numbers: ["+442079460301", "+442079460302"],
      organisation: "Org",
      notes: "n",
    });
  });

  it("takes a name and a number only, both checked", async () => {
    const extra = await name(moderator, { number: "+442079460401", name: "X", organisation: "sneaky" });
    expect(extra.status).toBe(400);
    const bad = await name(moderator, { number: "12", name: "X" });
    expect(bad.status).toBe(400);
    expect((await envelope(bad)).message).toMatch(/^number: /);
    const blank = await name(moderator, { number: "+442079460401", name: "   " });
    expect(blank.status).toBe(400);
    expect((await name(undefined, { number: "+442079460401", name: "X" })).status).toBe(401);
  });
});

describe("lookup", () => {
  it("says who holds a number typed any way, or nobody", async () => {
    await name(admin, { number: "+442079460501", name: "Finn" });
    const found = (await (await lookup(moderator, "020 7946 0501")).json()) as NumberLookup;
    expect(found).toMatchObject({ number: "+442079460501", contact: { name: "Finn" } });
    const none = (await (await lookup(support, "+442079460599")).json()) as NumberLookup;
    expect(none).toEqual({ number: "+442079460599", contact: null });
    expect((await lookup(undefined, "+442079460501")).status).toBe(401);
  });
});
