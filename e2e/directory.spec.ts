/**
 * The directory end to end: a CSV of 200 contacts with 5 bad lines is previewed
 * (each bad line named with its reason), imported, and a contact found by search;
 * add, edit and delete through the page; a moderator reads but cannot change (the
 * page hides the controls and the server refuses); Upload reads a CSV file into the
 * import box; screenshots in both themes at
 * desktop and 375 px. Numbers and names carry a per-run tag, so reruns against a
 * reused server do not collide.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import type { ErrorEnvelope } from "../lib/api/errors";
import type { ContactView, DirectoryListResponse } from "../lib/directory/schemas";
import { expect, test } from "./fixtures";
import { BASE_URL } from "./helpers";
import { lookAs, noSidewaysOverflow, THEMES, VIEWPORTS } from "./screenshot-helpers";

const mutation = { origin: BASE_URL };
/** A run's own exchange (+1 202 XXX ....): 200 to 999. */
const exchange = 200 + Math.floor(Math.random() * 800);
// Letters only: a tag with digits in it ("r9539123") matched the search for a row's
// number ("person <tag> 123") in every row (a CI failure).
const TAG = `r${`${exchange}${Date.now() % 10_000}`.replace(/\d/g, (d) => "abcdefghij"[Number(d)]!)}`;
/** The n-th number of this run, as E.164 and as a person writes it. */
const e164 = (block: number, n: number) => `+1202${exchange}${block}${String(n).padStart(3, "0")}`;
const written = (block: number, n: number) => `(202) ${exchange}-${block}${String(n).padStart(3, "0")}`;

async function search(api: APIRequestContext, q: string): Promise<DirectoryListResponse> {
  const res = await api.get(`/api/directory/contacts?q=${encodeURIComponent(q)}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as DirectoryListResponse;
}

/** The page, its first list loaded (so it is hydrated and typing reaches React). */
async function openDirectory(page: Page) {
  await page.goto("/directory");
  await expect(page.getByRole("heading", { name: "Directory" })).toBeVisible();
  await expect(page.getByTestId("contact-list").or(page.getByText(/^No contacts yet/))).toBeVisible();
}

test("Upload puts a CSV file's text in the box; a file over 1 MB is refused", async ({ supportPage: page }) => {
  await openDirectory(page);
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog", { name: "Import contacts" });
  const csv = `name,phone\nUpload ${TAG},${written(3, 1)}`;
  const upload = dialog.getByLabel("Upload a CSV file");
  await upload.setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(dialog.getByLabel("Contacts")).toHaveValue(csv);
  await upload.setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(1_000_001, "a") });
  await expect(page.getByText("That file is larger than 1 MB: is it really a list of contacts?")).toBeVisible();
  await expect(dialog.getByLabel("Contacts")).toHaveValue(csv);
});

test("a CSV of 200 contacts with 5 bad lines: the preview names each, then the good ones are imported and found", async ({
  supportPage: page,
  apiAs,
}) => {
  test.setTimeout(90_000);
  const support = await apiAs("support");
  const held = await support.post("/api/directory/contacts", {
    data: { name: `Holder ${TAG}`, numbers: [e164(9, 0)] },
    headers: mutation,
  });
  expect(held.status()).toBe(200);

  const lines = ["name,phone,organisation,notes"];
  for (let i = 0; i < 200; i++)
    lines.push(`Person ${TAG} ${String(i).padStart(3, "0")},${written(1, i)},Org ${i % 7},`);
  // The five bad lines, at known line numbers (the header is line 1).
  const bad: [string, RegExp][] = [
    [`,${written(2, 1)},Org,`, /has no name/],
    [`Bad Number ${TAG},+1 202 55,Org,`, /\+1 202 55: is too short/],
    [`Twice ${TAG},${written(1, 5)},Org,`, new RegExp(`\\${e164(1, 5)} is already on line 7`)],
    [`Taken ${TAG},${written(9, 0)},Org,`, new RegExp(`already belongs to Holder ${TAG} in the directory`)],
    [`${"L".repeat(201)},${written(2, 5)},Org,`, /name is longer than 200 characters/],
  ];
  const badAt = [20, 60, 100, 150, 190];
  badAt.forEach((at, k) => lines.splice(at - 1, 0, bad[k]![0]));

  await openDirectory(page);
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog", { name: "Import contacts" });
  await dialog.getByLabel("Contacts").fill(lines.join("\n"));
  await dialog.getByRole("button", { name: "Check" }).click();
  const preview = dialog.getByTestId("import-preview");
  await expect(preview).toContainText("200 can be imported, 5 cannot:");
  const badRows = dialog.getByTestId("import-bad-lines").locator("tbody tr[data-line]");
  await expect(badRows).toHaveCount(5);
  for (const [k, at] of badAt.entries()) {
    const row = dialog.getByTestId("import-bad-lines").locator(`tr[data-line="${at}"]`);
    await expect(row).toContainText(bad[k]![1]);
  }
  // Nothing is imported by the preview.
  expect((await search(support, `Person ${TAG}`)).total).toBe(0);

  await dialog.getByRole("button", { name: "Import 200 contacts" }).click();
  await expect(
    page.locator("[data-sonner-toast]").filter({ hasText: "Imported 200 contacts; 5 lines skipped" }),
  ).toBeVisible();
  await expect(dialog).toBeHidden();
  expect((await search(support, `Person ${TAG}`)).total).toBe(200);

  // Found by name, and by the number as a person writes it.
  await page.getByLabel("Search the directory").fill(`person ${TAG} 123`);
  await expect(page.getByTestId("contact-row")).toHaveCount(1);
  await expect(page.getByTestId("contact-row")).toContainText(e164(1, 123));
  await page.getByLabel("Search the directory").fill(written(1, 77));
  await expect(page.getByTestId("contact-name")).toHaveText([`Person ${TAG} 077`]);
});

test("add, edit and delete a contact through the page, with the server's errors under the field", async ({
  adminPage: page,
  apiAs,
}) => {
  const admin = await apiAs("admin");
  const name = `Added ${TAG}`;
  await openDirectory(page);
  await page.getByRole("button", { name: "Add contact" }).click();
  const add = page.getByRole("dialog", { name: "Add a contact" });
  await add.getByLabel("Name").fill(name);
  await add.getByRole("textbox", { name: "Phone number 1" }).fill("call me");
  await add.getByRole("button", { name: "Add contact" }).click();
  await expect(add.getByRole("alert")).toHaveText("Number 1: letters are not allowed in a phone number");
  await add.getByRole("textbox", { name: "Phone number 1" }).fill(written(3, 1));
  await add.getByLabel("Organisation").fill("Acme");
  await add.getByRole("button", { name: "Add contact" }).click();
  await expect(add).toBeHidden();

  await page.getByLabel("Search the directory").fill(name);
  const row = page.getByTestId("contact-row").filter({ hasText: name });
  await expect(row).toContainText(e164(3, 1));
  await expect(row).toContainText("Acme");

  await row.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  await edit.getByLabel("Name").fill(`${name} Renamed`);
  await edit.getByRole("button", { name: "Another number" }).click();
  await edit.getByRole("textbox", { name: "Phone number 2" }).fill(`+1 202 ${exchange} 3002`);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  const renamed = page.getByTestId("contact-row").filter({ hasText: `${name} Renamed` });
  await expect(renamed).toContainText(e164(3, 2));
  const stored = (await search(admin, `${name} Renamed`)).contacts;
  expect(stored.map((c: ContactView) => c.numbers)).toEqual([[e164(3, 1), e164(3, 2)]]);

  await renamed.getByRole("button", { name: `Delete ${name} Renamed` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${name} Renamed?` });
  await expect(confirm).toContainText("their 2 numbers leave the directory");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText(`Nobody matches “${name}”.`)).toBeVisible();
  expect((await search(admin, name)).total).toBe(0);
});

test("a moderator reads the directory; the page offers no changes and the server refuses them", async ({
  moderatorPage: page,
  apiAs,
}) => {
  const admin = await apiAs("admin");
  const created = await admin.post("/api/directory/contacts", {
    data: { name: `Readable ${TAG}`, numbers: [e164(4, 1)] },
    headers: mutation,
  });
  const { contact } = (await created.json()) as { contact: ContactView };

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Directory" }).click();
  await expect(page.getByTestId("contact-list").or(page.getByText(/^No contacts yet/))).toBeVisible();
  await expect(page.getByText("Read only: support staff and admins change the directory.")).toBeVisible();
  await page.getByLabel("Search the directory").fill(`Readable ${TAG}`);
  // One row once the search is answered (a locator matching many fails at once, so count first).
  await expect(page.getByTestId("contact-row")).toHaveCount(1);
  await expect(page.getByTestId("contact-row")).toContainText(e164(4, 1));
  for (const label of ["Add contact", "Import", `Edit Readable ${TAG}`, `Delete Readable ${TAG}`]) {
    await expect(page.getByRole("button", { name: label })).toHaveCount(0);
  }
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();

  const moderator = await apiAs("moderator");
  const attempts = [
    await moderator.post("/api/directory/contacts", { data: { name: "No", numbers: [e164(4, 2)] }, headers: mutation }),
    await moderator.patch(`/api/directory/contacts/${contact.id}`, {
      data: { name: "No", numbers: [e164(4, 1)] },
      headers: mutation,
    }),
    await moderator.delete(`/api/directory/contacts/${contact.id}`, { headers: mutation }),
    await moderator.post("/api/directory/import", { data: { text: `No,${e164(4, 3)}` }, headers: mutation }),
  ];
  for (const res of attempts) {
    expect(res.status()).toBe(403);
    expect(((await res.json()) as ErrorEnvelope).error.message).toBe(
      "Only support staff and admins can change the directory.",
    );
  }
  expect((await search(admin, `Readable ${TAG}`)).contacts.map((c) => c.name)).toEqual([`Readable ${TAG}`]);
});

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`directory screenshots, ${theme} theme, ${vp.name}`, async ({ adminPage: page, apiAs }) => {
      const admin = await apiAs("admin");
      const shot = `${TAG}s${theme[0]}${vp.name[0]}`;
      const people = [
        {
          name: `Ann Archer ${shot}`,
          numbers: [e164(5, 1), e164(5, 2)],
          organisation: "Acme Holdings",
          notes: "Chairs the weekly sync.",
        },
        { name: `Bob Brown ${shot}`, numbers: [e164(5, 3)], organisation: null, notes: null },
        {
          name: `Émile Zoë ${shot}`,
          numbers: [e164(5, 4)],
          organisation: "Société Générale",
          notes: "Prefers French.\nCall after 10:00.",
        },
      ];
      const block = theme === "light" ? (vp.name === "desktop" ? 5 : 6) : vp.name === "desktop" ? 7 : 8;
      for (const [i, p] of people.entries()) {
        const numbers = p.numbers.map((_, j) => e164(block, i * 2 + j));
        const res = await admin.post("/api/directory/contacts", { data: { ...p, numbers }, headers: mutation });
        expect(res.status(), await res.text()).toBe(200);
      }
      await lookAs(page, theme, vp);
      await openDirectory(page);
      await page.getByLabel("Search the directory").fill(shot);
      await expect(page.getByTestId("contact-row")).toHaveCount(3);
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/directory-${theme}-${vp.name}.png`, fullPage: true });

      await page.getByRole("button", { name: "Import" }).click();
      const dialog = page.getByRole("dialog", { name: "Import contacts" });
      await dialog
        .getByLabel("Contacts")
        .fill(
          `name,phone,organisation\nCleo ${shot},${written(block, 9)},Acme\n,${written(block, 8)},Acme\nDan ${shot},12,Beta`,
        );
      await dialog.getByRole("button", { name: "Check" }).click();
      await expect(dialog.getByTestId("import-preview")).toContainText("1 can be imported, 2 cannot:");
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/directory-import-${theme}-${vp.name}.png` });
    });
  }
}
