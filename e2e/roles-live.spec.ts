/**
 * A role change reaches a console that is already open: within the refresh window
 * (GAVEL_ROLE_REFRESH_SECONDS, 5 s on the e2e server) the page re-reads the session
 * and redraws its controls, without a reload and without the person meeting a 403.
 */
import type { UserView } from "../lib/users/schemas";
import { expect, test } from "./fixtures";
import { BASE_URL, signInApi } from "./helpers";
import { NUMBERS, fmt, openConsole, row } from "./console-helpers";

const [A, B] = NUMBERS;
const REASON = "Only moderators and admins can mute, hold or kick participants";
// The role is re-read after 5 s, the next poll carries it, the page redraws: well within this.
const WITHIN_MS = 20_000;

declare global {
  interface Window {
    __sameDocument?: boolean;
  }
}

test("a moderator demoted while the console is open loses the controls, with the reason, and gets them back when promoted", async ({
  page,
  apiAs,
  room,
}) => {
  const admin = await apiAs("admin");
  const email = `demoted-${Date.now()}@gavel.test`;
  const created = await admin.post("/api/users", {
    data: { email, name: "Dana Demoted", role: "moderator", password: "generate" },
    headers: { origin: BASE_URL },
  });
  expect(created.status()).toBe(200);
  const { user, generatedPassword } = (await created.json()) as { user: UserView; generatedPassword: string };
  // The page's own context signs in, so the browser carries the session cookie.
  await signInApi(page.context().request, email, generatedPassword);

  const conf = await room("demote", [{ cli: A }, { cli: B }]);
  await openConsole(page, conf.id, 2);
  const mute = page.getByRole("button", { name: `Mute ${fmt(A)}`, exact: true });
  await expect(mute).toBeEnabled();
  await expect(page.getByTestId("signed-in-as")).toContainText("Moderator");
  await page.evaluate(() => {
    window.__sameDocument = true;
  });
  const forbidden: string[] = [];
  page.on("response", (res) => {
    if (res.status() === 403) forbidden.push(res.url());
  });

  const demote = await admin.patch(`/api/users/${user.id}`, {
    data: { role: "support" },
    headers: { origin: BASE_URL },
  });
  expect(demote.status()).toBe(200);

  await expect(mute).toBeDisabled({ timeout: WITHIN_MS });
  await expect(row(page, A).locator(`[data-disabled-reason="${REASON}"]`).first()).toBeAttached();
  await expect(page.getByTestId("signed-in-as")).toContainText("Support");
  // No reload, the list still there, and nothing refused on the way.
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  await expect(page.getByTestId("participant-row")).toHaveCount(2);
  await expect(page.locator("[data-sonner-toast]")).toHaveCount(0);
  expect(forbidden).toEqual([]);

  const promote = await admin.patch(`/api/users/${user.id}`, {
    data: { role: "moderator" },
    headers: { origin: BASE_URL },
  });
  expect(promote.status()).toBe(200);
  await expect(mute).toBeEnabled({ timeout: WITHIN_MS });
  await expect(page.getByTestId("signed-in-as")).toContainText("Moderator");
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
});
