/**
 * The directory's routes through real NextRequests and session cookies
 * (lib/testing/route-requests.ts): who may do what (moderators read, support and
 * admins manage), what bad input answers in the envelope, that every change is
 * audited (pending first, then its outcome), the import's preview and commit, and
 * the export's formula protection. Test code: sets process.env before loading routes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseCsv } from "../../audit/csv";
import { moderator, admin, call, envelope, support, TEST_ROUTE_ENV, type Who } from "../../testing/route-requests";
import type { ContactView, DirectoryListResponse, ImportPreview, ImportResult } from "../schemas";

type ContactsRoute = typeof import("../../../app/api/directory/contacts/route");
type ContactRoute = typeof import("../../../app/api/directory/contacts/[contactId]/route");
type PreviewRoute = typeof import("../../../app/api/directory/import/preview/route");
type ImportRoute = typeof import("../../../app/api/directory/import/route");
type ExportRoute = typeof import("../../../app/api/directory/export/route");

let dataDir: string;
let contacts: ContactsRoute;
let contact: ContactRoute;
let preview: PreviewRoute;
let importRoute: ImportRoute;
let exportRoute: ExportRoute;
let closeDb: () => Promise<void>;
let auditRows: (action: string) => Promise<{ outcome: string; actor_email: string | null; params: string | null }[]>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "gavel-directory-"));
  Object.assign(process.env, { ...TEST_ROUTE_ENV, GAVEL_DATA_DIR: dataDir, GAVEL_DEFAULT_COUNTRY: "GB" });
  (await import("../../config/env")).resetConfigForTests();
  contacts = await import("../../../app/api/directory/contacts/route");
  contact = await import("../../../app/api/directory/contacts/[contactId]/route");
  preview = await import("../../../app/api/directory/import/preview/route");
  importRoute = await import("../../../app/api/directory/import/route");
  exportRoute = await import("../../../app/api/directory/export/route");
  const { db, closeDb: close } = await import("../../db");
  closeDb = close;
  auditRows = async (action) =>
    (await db()).kysely
      .selectFrom("audit_log")
      .select(["outcome", "actor_email", "params"])
      .where("action", "=", action)
      .orderBy("at")
      .execute();
});

afterAll(async () => {
  await closeDb?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
});

const body = (v: unknown) => JSON.stringify(v);
const LIST = "/api/directory/contacts";

async function create(as: Who, v: unknown) {
  return call(contacts.POST, { as, path: LIST, body: body(v) });
}

async function list(as: Who, q = ""): Promise<DirectoryListResponse> {
  const res = await call(contacts.GET, { method: "GET", as, path: `${LIST}${q ? `?q=${encodeURIComponent(q)}` : ""}` });
  expect(res.status).toBe(200);
  return (await res.json()) as DirectoryListResponse;
}

describe("permissions", () => {
  it("moderators read and export but cannot change anything; support and admins manage", async () => {
    const made = await create(support, { name: "Perm Person", numbers: ["+44 20 7946 0101"] });
    expect(made.status).toBe(200);
    const { contact: c } = (await made.json()) as { contact: ContactView };
    const params = { contactId: c.id };
    const one = `${LIST}/${c.id}`;

    expect((await list(moderator)).contacts.map((x) => x.name)).toContain("Perm Person");
    expect((await call(contact.GET, { method: "GET", as: moderator, path: one, params })).status).toBe(200);
    expect((await call(exportRoute.GET, { method: "GET", as: moderator, path: "/api/directory/export" })).status).toBe(
      200,
    );

    const refused = [
      await create(moderator, { name: "No", numbers: ["+442079460102"] }),
      await call(contact.PATCH, {
        method: "PATCH",
        as: moderator,
        path: one,
        params,
        body: body({ name: "X", numbers: ["+442079460101"] }),
      }),
      await call(contact.DELETE, { method: "DELETE", as: moderator, path: one, params }),
      await call(preview.POST, {
        as: moderator,
        path: "/api/directory/import/preview",
        body: body({ text: "A,+442079460103" }),
      }),
      await call(importRoute.POST, {
        as: moderator,
        path: "/api/directory/import",
        body: body({ text: "A,+442079460103" }),
      }),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect((await envelope(res)).message).toBe("Only support staff and admins can change the directory.");
    }
    // Nothing changed.
    expect((await list(admin, "Perm Person")).contacts).toEqual([c]);
    expect((await list(admin, "No")).total).toBe(0);

    const edited = await call(contact.PATCH, {
      method: "PATCH",
      as: admin,
      path: one,
      params,
      body: body({ name: "Perm Person", numbers: ["+442079460101"], organisation: "Ops" }),
    });
    expect(edited.status).toBe(200);
    expect(
      await call(contact.DELETE, { method: "DELETE", as: support, path: one, params }).then((r) => r.json()),
    ).toEqual({
      deleted: true,
    });
  });
});

describe("validation", () => {
  it("names the field and the reason in the envelope", async () => {
    const cases: [unknown, number, string][] = [
      [{ name: "", numbers: ["+442079460201"] }, 400, "name: enter a name"],
      [{ name: "A", numbers: [] }, 400, "numbers: add at least one phone number"],
      [
        { name: "A", numbers: ["+44 20 7946 0201", "call me"] },
        400,
        "numbers.1: letters are not allowed in a phone number",
      ],
      [{ name: "A", numbers: ["12"] }, 400, "numbers.0: is too short for a number in GB"],
      [{ name: "x".repeat(201), numbers: ["+442079460201"] }, 400, "name: must be at most 200 characters"],
      [
        { name: "A", numbers: ["+442079460201"], notes: "n".repeat(2001) },
        400,
        "notes: notes must be at most 2000 characters",
      ],
      [{ name: "A", numbers: ["+442079460201"], age: 3 }, 400, 'Unrecognized key: "age"'],
    ];
    for (const [input, status, message] of cases) {
      const res = await create(admin, input);
      expect(res.status, JSON.stringify(input)).toBe(status);
      const err = await envelope(res);
      expect(err.code).toBe("validation_failed");
      expect(err.message).toContain(message);
    }
    const bad = await create(admin, { name: "A", numbers: ["+44 20 7946 0201", "call me"] });
    expect((await envelope(bad)).details?.fields).toEqual([
      { path: "numbers.1", message: "letters are not allowed in a phone number" },
    ]);
    const notId = await call(contact.GET, {
      method: "GET",
      as: admin,
      path: `${LIST}/nope`,
      params: { contactId: "nope" },
    });
    expect(notId.status).toBe(400);
    const unknown = "6f1c1a52-1f1e-4a57-9a0c-3a4f0d0b0aff";
    const missing = await call(contact.GET, {
      method: "GET",
      as: admin,
      path: `${LIST}/${unknown}`,
      params: { contactId: unknown },
    });
    expect(missing.status).toBe(404);
  });

  it("stores numbers in E.164 read in the default country, and refuses one another contact has (409, audited as failed)", async () => {
    const res = await create(support, { name: "Local Lou", numbers: ["020 7946 0301", "+1 (202) 555-0301"] });
    const { contact: lou } = (await res.json()) as { contact: ContactView };
    expect(lou.numbers).toEqual(["+442079460301", "+12025550301"]);
    const clash = await create(admin, { name: "Other", numbers: ["+44 20 7946 0301"] });
    expect(clash.status).toBe(409);
    const err = await envelope(clash);
    expect(err.code).toBe("conflict");
    expect(err.message).toBe("+442079460301 already belongs to Local Lou: a number can be in the directory only once");
    const creates = await auditRows("directory.create");
    expect(creates.at(-1)).toMatchObject({ outcome: "failed", actor_email: "admin@gavel.test" });
    expect(creates.at(-2)).toMatchObject({ outcome: "succeeded", actor_email: "support@gavel.test" });
    expect(JSON.parse(creates.at(-2)!.params!)).toMatchObject({ contactId: lou.id, name: "Local Lou" });
  });
});

describe("search", () => {
  it("finds by name, organisation and number (as typed locally or internationally), with paging", async () => {
    await create(admin, { name: "Zed Search", numbers: ["+442079460401"], organisation: "Bureau Central" });
    expect((await list(moderator, "zed")).contacts.map((c) => c.name)).toEqual(["Zed Search"]);
    expect((await list(moderator, "bureau")).total).toBe(1);
    expect((await list(moderator, "020 7946 0401")).contacts.map((c) => c.name)).toEqual(["Zed Search"]);
    expect((await list(moderator, "+44 20 7946 0401")).total).toBe(1);
    expect((await list(moderator, "9460401")).total).toBe(1);
    const page = await call(contacts.GET, { method: "GET", as: admin, path: `${LIST}?limit=1&offset=1` });
    const p = (await page.json()) as DirectoryListResponse;
    expect(p).toMatchObject({ limit: 1, offset: 1 });
    expect(p.contacts).toHaveLength(1);
    const badLimit = await call(contacts.GET, { method: "GET", as: admin, path: `${LIST}?limit=500` });
    expect((await envelope(badLimit)).message).toBe("limit: must be at most 200");
  });
});

describe("import", () => {
  it("previews each bad line with its number and reason, then imports only the good ones, audited", async () => {
    await create(admin, { name: "Already Here", numbers: ["+442079460500"] });
    const text = [
      "name,phone,organisation,notes",
      "Good One,+44 20 7946 0501,Acme,",
      ",+44 20 7946 0502,Acme,", // line 3: no name
      "Bad Number,+44 20 79,Acme,", // line 4
      "Dup In File,020 7946 0501,,", // line 5: line 2's number
      "Dup In Directory,+442079460500,,", // line 6
      `${"L".repeat(201)},+442079460506,,`, // line 7
      'Two Numbers,"+44 20 7946 0507; +1 202 555 0507",Beta,"likes ""quotes"""',
    ].join("\n");
    const res = await call(preview.POST, { as: support, path: "/api/directory/import/preview", body: body({ text }) });
    expect(res.status).toBe(200);
    const p = (await res.json()) as ImportPreview;
    expect(p).toMatchObject({ valid: 2, invalid: 5, header: true });
    expect(p.lines.filter((l) => !l.ok).map((l) => [l.line, l.errors])).toEqual([
      [3, ["has no name"]],
      [4, ["+44 20 79: is too short for a number in country code +44"]],
      [5, ["+442079460501 is already on line 2"]],
      [6, ["+442079460500 already belongs to Already Here in the directory"]],
      [7, ["name is longer than 200 characters"]],
    ]);
    expect(p.lines.find((l) => l.line === 8)?.numbers).toEqual(["+442079460507", "+12025550507"]);
    // The preview changed nothing.
    expect((await list(admin, "Good One")).total).toBe(0);

    const done = await call(importRoute.POST, { as: support, path: "/api/directory/import", body: body({ text }) });
    const r = (await done.json()) as ImportResult;
    expect(r.imported).toBe(2);
    expect(r.skipped.map((l) => l.line)).toEqual([3, 4, 5, 6, 7]);
    expect((await list(admin, "two numbers")).contacts[0]).toMatchObject({
      organisation: "Beta",
      notes: 'likes "quotes"',
    });
    const audit = await auditRows("directory.import");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "succeeded" });
    expect(JSON.parse(audit[0]!.params!)).toEqual({ lines: 7, imported: 2, skippedLines: [3, 4, 5, 6, 7] });

    // Again: every line is now a duplicate or bad, so nothing is imported.
    const again = await call(importRoute.POST, { as: support, path: "/api/directory/import", body: body({ text }) });
    expect(again.status).toBe(400);
    expect((await envelope(again)).message).toBe("text: none of the lines can be imported; see the preview");
  });

  it("refuses more lines than the cap and an empty text", async () => {
    const many = Array.from({ length: 2001 }, (_, i) => `P${i},+1202555${String(i).padStart(4, "0")}`).join("\n");
    const res = await call(preview.POST, {
      as: admin,
      path: "/api/directory/import/preview",
      body: body({ text: many }),
    });
    expect(res.status).toBe(400);
    expect((await envelope(res)).message).toBe("text: 2001 contacts; at most 2000 can be imported at once");
    const empty = await call(preview.POST, {
      as: admin,
      path: "/api/directory/import/preview",
      body: body({ text: " \n" }),
    });
    expect((await envelope(empty)).message).toBe("text: paste or upload at least one contact");
  });
});

describe("export", () => {
  it("writes every contact, cells that could be formulas neutralised, and records the export", async () => {
    await create(admin, { name: '=HYPERLINK("http://evil")', numbers: ["+442079460601"], notes: "@SUM(1)" });
    const before = (await auditRows("directory.export")).length;
    const res = await call(exportRoute.GET, { method: "GET", as: admin, path: "/api/directory/export" });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(["Name", "Numbers", "Organisation", "Notes"]);
    expect(rows).toContainEqual(['\'=HYPERLINK("http://evil")', "'+442079460601", "", "'@SUM(1)"]);
    expect(rows).toContainEqual(["Two Numbers", "'+442079460507; +12025550507", "Beta", 'likes "quotes"']);
    expect((await auditRows("directory.export")).length).toBe(before + 1);
  });
});
