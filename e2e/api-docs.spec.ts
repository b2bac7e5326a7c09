/**
 * The API's description (issue 14, item 5): GET /api/openapi.json for any signed-in
 * user, an API token included, and the console's API page drawing it: every operation
 * of the document under its tag, reached from the navigation, schemas collapsed.
 * Screenshots in both themes, desktop and 375 px.
 */
import { expect, test } from "./fixtures";
import { BASE_URL } from "./helpers";
import { lookAs, noSidewaysOverflow, THEMES, VIEWPORTS } from "./screenshot-helpers";

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };

test("any signed-in user reads /api/openapi.json, with a session or an API token; nobody else", async ({
  apiAs,
  playwright,
}) => {
  const res = await (await apiAs("moderator")).get("/api/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as Doc;
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.paths["/api/openapi.json"]?.get?.operationId).toBe("apiDocs.openapi");

  const made = await (
    await apiAs("support")
  ).post("/api/tokens", {
    data: { name: `openapi ${Date.now().toString(36)}`, expiresInDays: 7 },
    headers: { origin: BASE_URL },
  });
  const { token, apiToken } = (await made.json()) as { token: string; apiToken: { id: string } };
  const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
  try {
    const withToken = await anonymous.get("/api/openapi.json", { headers: { authorization: `Bearer ${token}` } });
    expect(withToken.status()).toBe(200);
    expect(((await withToken.json()) as Doc).openapi).toBe("3.1.0");
    expect((await anonymous.get("/api/openapi.json")).status()).toBe(401);
  } finally {
    await anonymous.dispose();
    await (await apiAs("support")).delete(`/api/tokens/${apiToken.id}`, { headers: { origin: BASE_URL } });
  }
});

test("the API page lists every operation of the document, by tag, from the navigation", async ({
  moderatorPage: page,
  apiAs,
}) => {
  const doc = (await (await (await apiAs("moderator")).get("/api/openapi.json")).json()) as Doc;
  const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API", exact: true }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { name: "HTTP API", level: 1 })).toBeVisible();
  await expect(page.getByTestId("api-operation")).toHaveCount(operations);
  await expect(page.getByRole("heading", { name: "Conferences", level: 2 })).toBeVisible();

  const kick = page.locator('[id="conferences.kick"]');
  await expect(kick).toContainText("/api/conferences/{conferenceId}/participants/{callId}");
  await expect(kick).toContainText("participant:control");
  const responses = kick.getByText(/^Responses:/);
  await expect(responses).toContainText("202");
  const schema = kick.locator("details", { hasText: /^Request body/ }).locator("pre");
  await expect(schema).toBeHidden();
  await kick.getByText(/^Request body/).click();
  await expect(schema).toBeVisible();
  await expect(schema).toContainText('"reason"');
  await expect(page.getByTestId("openapi-json-link")).toHaveAttribute("href", "/api/openapi.json");
});

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`screenshot: the API page, ${theme} theme, ${vp.name}`, async ({ moderatorPage: page }) => {
      await lookAs(page, theme, vp);
      await page.goto("/docs/api");
      await expect(page.getByRole("heading", { name: "HTTP API", level: 1 })).toBeVisible();
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/api-docs-top-${theme}-${vp.name}.png` });
      const kick = page.locator('[id="conferences.kick"]');
      await kick.getByText(/^Request body/).click();
      await kick.getByText(/^Responses:/).click();
      await kick
        .locator("details", { hasText: /^Responses:/ })
        .getByText("application/json")
        .first()
        .click();
      await expect(kick.locator("details", { hasText: /^Request body/ }).locator("pre")).toBeVisible();
      await noSidewaysOverflow(page);
      await kick.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screenshots/api-docs-operation-${theme}-${vp.name}.png` });
    });
  }
}
