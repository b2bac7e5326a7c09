/**
 * The home list shows what Gavel knows, not zeros it never read: a room nobody has
 * watched says so, and a count read while someone watched is shown as a count.
 */
import { expect, test } from "./fixtures";
import { BASE_URL } from "./helpers";
import { NUMBERS, openConsole } from "./console-helpers";

const [A, B] = NUMBERS;

test("a room Gavel never read says 'not watched yet', not '0 connected'; once watched it shows its count", async ({
  moderatorPage: page,
  apiAs,
  room,
}) => {
  const conf = await room("unwatched", [{ cli: A }, { cli: B }]);
  // Known to Gavel (opened through the API, as a callout or the sandbox would add it), never polled.
  const api = await apiAs("moderator");
  const opened = await api.post("/api/conferences", { data: { conferenceId: conf.id }, headers: { origin: BASE_URL } });
  expect(opened.status()).toBe(200);

  await page.goto("/");
  const item = page.getByTestId("conference-item").filter({ hasText: conf.id });
  await expect(item.getByTestId("conference-counts")).toHaveAttribute("data-state", "unwatched");
  await expect(item).toContainText("Not watched yet");
  await expect(item).not.toContainText("connected");

  await openConsole(page, conf.id, 2);
  await page.goto("/");
  await expect(item).toContainText(/2\s*connected/);
  await expect(item).not.toContainText("Not watched yet");
});
