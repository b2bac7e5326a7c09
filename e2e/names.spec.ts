/**
 * Names from the directory where numbers appear (issue 13, items 2 and 3): a dial-in
 * added through the emulator's control API shows its contact's name on the row;
 * "Name this number" on a row updates the namer's page at once and a second
 * viewer's (another browser context) within one poll window; the names are in the
 * attendance CSV and the audit CSV, read from the files the pages download; and
 * screenshots of the conference page with names in both themes at desktop and
 * 375 px. Numbers carry a per-run part, so reruns against a reused server do not
 * collide (and no other spec's numbers get a name).
 */
import { readFileSync } from "node:fs";
import type { APIRequestContext, Download, Page } from "@playwright/test";
import { CSV_BOM, parseCsv } from "../lib/audit/csv";
import { expect, test } from "./fixtures";
import { conferencePath, fmt, openConsole, row } from "./console-helpers";
import { BASE_URL, emulator } from "./helpers";
import { lookAs, noSidewaysOverflow, THEMES, VIEWPORTS } from "./screenshot-helpers";

const mutation = { origin: BASE_URL };
/** The app's poll window (GAVEL_POLL_INTERVAL_MS's default in the e2e server). */
const POLL_WINDOW_MS = 2000;
/** A request's round trip and a render on a busy 2-core machine. */
const SLACK_MS = 1500;

const run = 1_000_000 + Math.floor(Math.random() * 8_000_000);
let seq = 0;
/** A Swedish mobile number no other spec uses ("+46 70 ..."). */
const number = () => `+4670${String(run + seq++ * 7).padStart(7, "0")}`;
const TAG = String(run).slice(-4);

async function addContact(api: APIRequestContext, name: string, n: string) {
  const res = await api.post("/api/directory/contacts", { data: { name, numbers: [n] }, headers: mutation });
  expect(res.status(), await res.text()).toBe(200);
}

/** The row's shown name (the directory's, else the callout label, else the number). */
const shownName = (page: Page, cli: string) => row(page, cli).getByTestId("participant-name");

async function csvOf(download: Download): Promise<string[][]> {
  const text = readFileSync((await download.path())!, "utf8");
  return parseCsv(text.startsWith(CSV_BOM) ? text.slice(CSV_BOM.length) : text);
}

test("a dial-in shows its contact's name; naming a number reaches a second viewer within one poll window; the CSVs carry names", async ({
  moderatorPage: page,
  apiAs,
  room,
  browser,
}) => {
  test.setTimeout(120_000);
  const known = number();
  const dialIn = number();
  const stranger = number();
  const admin = await apiAs("admin");
  await addContact(admin, `Ann Known ${TAG}`, known);

  const conf = await room("names", [{ cli: known, durationSeconds: 300 }]);
  // Someone dials in: added through the emulator's control API, as Sinch would list them.
  await emulator.addParticipant(conf.id, { cli: dialIn });
  await emulator.addParticipant(conf.id, { cli: stranger });

  await openConsole(page, conf.id, 3);
  await expect(shownName(page, known)).toHaveText(`Ann Known ${TAG}`);
  // Name first, the number under it.
  await expect(row(page, known)).toContainText(fmt(known));
  await expect(shownName(page, dialIn)).toHaveText(fmt(dialIn));

  // Search by name.
  await page.getByRole("searchbox", { name: "Search participants" }).fill("ann known");
  await expect(page.getByTestId("participant-row")).toHaveCount(1);
  await page.getByRole("searchbox", { name: "Search participants" }).fill("");
  await expect(page.getByTestId("participant-row")).toHaveCount(3);

  // A second viewer, in another browser context (support, signed in apart).
  const other = await browser.newContext({
    baseURL: BASE_URL,
    storageState: await (await apiAs("support")).storageState(),
  });
  try {
    const second = await other.newPage();
    await openConsole(second, conf.id, 3);
    await expect(shownName(second, dialIn)).toHaveText(fmt(dialIn));

    await row(page, dialIn)
      .getByRole("button", { name: `Name this number: ${fmt(dialIn)}` })
      .click();
    const dialog = page.getByRole("dialog", { name: "Name this number" });
    await expect(dialog.getByTestId("name-number-holder")).toContainText("Nobody in the directory has this number");
    await dialog.getByRole("textbox", { name: "Name" }).fill(`Dee Dial-in ${TAG}`);
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/directory/name-number") && r.status() === 200);
    await dialog.getByRole("button", { name: "Add to directory" }).click();
    await saved;
    const namedAt = Date.now();
    await expect(dialog).toBeHidden();
    // The namer's page: at once (no poll needed).
    await expect(shownName(page, dialIn)).toHaveText(`Dee Dial-in ${TAG}`, { timeout: SLACK_MS });
    // The second viewer: at their next poll, within one window.
    await expect(shownName(second, dialIn)).toHaveText(`Dee Dial-in ${TAG}`, { timeout: POLL_WINDOW_MS + SLACK_MS });
    const seenAfter = Date.now() - namedAt;
    test.info().annotations.push({ type: "second viewer saw the name after", description: `${seenAfter} ms` });
    expect(seenAfter).toBeLessThanOrEqual(POLL_WINDOW_MS + SLACK_MS);

    // Renaming the holder: the dialog says whose number it is.
    await row(second, dialIn)
      .getByRole("button", { name: `Name this number: ${fmt(dialIn)}` })
      .click();
    const again = second.getByRole("dialog", { name: "Name this number" });
    await expect(again.getByTestId("name-number-holder")).toContainText(`belongs to Dee Dial-in ${TAG}`);
    await again.getByRole("textbox", { name: "Name" }).fill(`Dee Renamed ${TAG}`);
    await again.getByRole("button", { name: "Rename contact" }).click();
    await expect(shownName(second, dialIn)).toHaveText(`Dee Renamed ${TAG}`, { timeout: SLACK_MS });
    await expect(shownName(page, dialIn)).toHaveText(`Dee Renamed ${TAG}`, { timeout: POLL_WINDOW_MS + SLACK_MS });
  } finally {
    await other.close();
  }

  // An action on the named caller, so the audit trail has one with their number.
  await row(page, known)
    .getByRole("button", { name: `Mute Ann Known ${TAG} (${fmt(known)})` })
    .click();
  await expect(row(page, known).getByText("Muted")).toBeVisible();

  // The attendance CSV, as the page downloads it.
  const [attendance] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Attendance CSV" }).click(),
  ]);
  const [head, ...lines] = await csvOf(attendance);
  const nameCol = head!.indexOf("Name (directory now)");
  expect(nameCol).toBeGreaterThan(0);
  // Cells that could be read as formulas ("+46...") carry a leading apostrophe.
  const plain = (cell: string | undefined) => cell?.replace(/^'/, "");
  const byNumber = new Map(lines.map((l) => [plain(l[0]), l[nameCol]]));
  expect(byNumber.get(known)).toBe(`Ann Known ${TAG}`);
  expect(byNumber.get(dialIn)).toBe(`Dee Renamed ${TAG}`);
  expect(byNumber.get(stranger)).toBe("");

  // The audit CSV, filtered to this conference, as the audit page downloads it (an admin, in a context of their own).
  const adminContext = await browser.newContext({ baseURL: BASE_URL, storageState: await admin.storageState() });
  const adminPage = await adminContext.newPage();
  await adminPage.goto(`/audit?conferenceId=${encodeURIComponent(conf.id)}`);
  const [audit] = await Promise.all([
    adminPage.waitForEvent("download"),
    adminPage.getByRole("link", { name: /Export CSV/ }).click(),
  ]);
  const [auditHead, ...entries] = await csvOf(audit);
  const at = (name: string) => auditHead!.indexOf(name);
  expect(at("Target name (directory at export)")).toBeGreaterThan(0);
  const rowsFor = (n: string) => entries.filter((e) => plain(e[at("Target number")]) === n);
  const mute = rowsFor(known).find((e) => e[at("Action")] === "participant.mute");
  expect(mute?.[at("Target name (directory at export)")]).toBe(`Ann Known ${TAG}`);
  const naming = rowsFor(dialIn).map((e) => [e[at("Action")], e[at("Target name (directory at export)")]]);
  // Both entries name the number as the directory has it now; what each said then is in its parameters.
  expect(naming).toEqual([
    ["directory.update", `Dee Renamed ${TAG}`],
    ["directory.create", `Dee Renamed ${TAG}`],
  ]);
  expect(rowsFor(dialIn)[1]![at("Parameters")]).toContain(`Dee Dial-in ${TAG}`);
  // The audit page shows the name beside the number too.
  await expect(adminPage.getByText(`Ann Known ${TAG} (${fmt(known)})`).first()).toBeVisible();
  await adminContext.close();
});

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`conference page with names, ${theme} theme, ${vp.name}`, async ({ moderatorPage: page, apiAs, room }) => {
      test.setTimeout(90_000);
      await lookAs(page, theme, vp);
      const admin = await apiAs("admin");
      const people = [
        { cli: number(), name: `Ann Example ${TAG}`, durationSeconds: 3725 },
        { cli: number(), name: `Bartholomew Featherstonehaugh-Montgomery ${TAG}`, durationSeconds: 1810, muted: true },
        { cli: number(), name: `Chen Wei ${TAG}`, durationSeconds: 920, onhold: true, moh: "music1" as const },
        { cli: number(), name: null, durationSeconds: 400 },
      ];
      for (const p of people) if (p.name) await addContact(admin, p.name, p.cli);
      const conf = await room(
        "names-shot",
        people.map(({ cli, durationSeconds, muted, onhold, moh }) => ({ cli, durationSeconds, muted, onhold, moh })),
      );
      await openConsole(page, conf.id, 4);
      await expect(shownName(page, people[0]!.cli)).toHaveText(people[0]!.name!);
      await noSidewaysOverflow(page);
      await page.screenshot({
        path: `test-results/screenshots/names-conference-${theme}-${vp.name}.png`,
        fullPage: true,
      });

      await row(page, people[3]!.cli)
        .getByRole("button", { name: /^Name this number/ })
        .click();
      await expect(page.getByTestId("name-number-holder")).toContainText("Nobody in the directory");
      await page.screenshot({ path: `test-results/screenshots/names-dialog-${theme}-${vp.name}.png` });
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toBeHidden();
      expect(page.url()).toContain(conferencePath(conf.id));
    });
  }
}
