/**
 * API tokens end to end (issue 14): an admin makes a token for the moderator on the
 * Users page and reads the secret shown once; curl (no cookie, no Origin) mutes a
 * participant with it, which the emulator shows and the audit trail records as the
 * moderator through that token; the admin revokes it on the Users page and the same
 * request is refused within 5 s. Then "My API tokens" for the moderator, and
 * screenshots of it in both themes at both widths.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { APIRequestContext, Page } from "@playwright/test";
import type { AuditPage } from "../lib/audit/schemas";
import type { ApiTokenList } from "../lib/tokens/types";
import { expectEmulator, NUMBERS } from "./console-helpers";
import { expect, test } from "./fixtures";
import { BASE_URL, demoUser } from "./helpers";
import { lookAs, noSidewaysOverflow, THEMES, VIEWPORTS } from "./screenshot-helpers";

const enc = encodeURIComponent;
const run = promisify(execFile);

/**
 * A request by curl itself (the acceptance says "works with curl"): the token and
 * nothing of a browser's, no cookie, no Origin. Its answer as a Response.
 */
async function curl(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const args = ["-sS", "-X", method, "-H", `Authorization: Bearer ${token}`, "-D", "-"];
  if (body !== undefined) args.push("-H", "content-type: application/json", "--data", JSON.stringify(body));
  const { stdout } = await run("curl", [...args, `${BASE_URL}${path}`]);
  const split = stdout.indexOf("\r\n\r\n");
  const [statusLine, ...lines] = stdout.slice(0, split).split("\r\n");
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return new Response(stdout.slice(split + 4), { status: Number(statusLine!.split(" ")[1]), headers });
}

/** Revokes the user's working tokens left by earlier runs (a user may hold 20). */
async function revokeAll(api: APIRequestContext): Promise<void> {
  const { tokens } = (await (await api.get("/api/tokens")).json()) as ApiTokenList;
  for (const t of tokens.filter((x) => x.status === "active")) {
    expect((await api.delete(`/api/tokens/${t.id}`, { headers: { origin: BASE_URL } })).status()).toBe(200);
  }
}

async function createInPage(page: Page, name: string): Promise<string> {
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = page.getByTestId("token-secret");
  await expect(secret).toHaveText(/^gvl_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
  return (await secret.textContent())!.trim();
}

test("a token made on the Users page mutes over plain HTTP as its user, and stops within 5 s of revocation", async ({
  adminPage: page,
  room,
  apiAs,
}) => {
  test.setTimeout(120_000);
  await revokeAll(await apiAs("moderator"));
  const mod = demoUser("moderator");
  const conf = await room("tokens", [{ cli: NUMBERS[0] }, { cli: NUMBERS[1] }]);
  const target = conf.by(NUMBERS[1]);
  const name = `dial script ${Date.now().toString(36)}`;

  await page.goto("/users");
  await page.getByRole("button", { name: `API tokens of ${mod.email}` }).click();
  const dialog = page.getByRole("dialog", { name: /API tokens of/ });
  await expect(dialog).toBeVisible();
  const token = await createInPage(page, name);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(dialog.getByTestId("api-token").filter({ hasText: name })).toContainText("Active");

  const participants = `/api/conferences/${enc(conf.id)}/participants`;
  const polled = await curl(token, "GET", participants);
  expect(polled.status).toBe(200);
  const mute = () => curl(token, "PATCH", `${participants}/${enc(target.callId)}`, { command: "mute" });
  const muted = await mute();
  expect(muted.status).toBe(200);
  await expectEmulator(conf.id, target.callId, { muted: true });

  const requestId = muted.headers.get("x-request-id")!;
  const audit = (await (
    await (await apiAs("admin")).get(`/api/audit?requestId=${enc(requestId)}`)
  ).json()) as AuditPage;
  expect(audit.entries).toHaveLength(1);
  expect(audit.entries[0]).toMatchObject({
    action: "participant.mute",
    actorEmail: mod.email,
    actorRole: "moderator",
    outcome: "succeeded",
    actorToken: { name },
  });

  await dialog.getByRole("button", { name: `Revoke the API token ${name}` }).click();
  await expect(dialog.getByTestId("api-token").filter({ hasText: name })).toContainText("Revoked");
  await expect.poll(async () => (await mute()).status, { timeout: 5_000, intervals: [100] }).toBe(401);
  const refused = (await (await mute()).json()) as { error: { code: string; message: string } };
  expect(refused.error.code).toBe("unauthenticated");
  expect(refused.error.message).toMatch(/not valid/);
});

test("any user keeps their own tokens on My API tokens", async ({ moderatorPage: page, apiAs }) => {
  await revokeAll(await apiAs("moderator"));
  await page.goto("/tokens");
  await expect(page.getByRole("heading", { name: "My API tokens" })).toBeVisible();
  const name = `own ${Date.now().toString(36)}`;
  const token = await createInPage(page, name);
  await page.getByRole("button", { name: "Done" }).click();
  expect((await curl(token, "GET", "/api/conferences")).status).toBe(200);
  // A token cannot mint another.
  expect((await curl(token, "POST", "/api/tokens", { name: "more", expiresInDays: 365 })).status).toBe(403);
  await page.getByRole("button", { name: `Revoke the API token ${name}` }).click();
  await expect(page.getByTestId("api-token").filter({ hasText: name })).toContainText("Revoked");
  await expect.poll(async () => (await curl(token, "GET", "/api/conferences")).status, { timeout: 5_000 }).toBe(401);
});

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`screenshot: My API tokens, ${theme} theme, ${vp.name}`, async ({ moderatorPage: page, apiAs }) => {
      const api = await apiAs("moderator");
      await revokeAll(api);
      await lookAs(page, theme, vp);
      await page.goto("/tokens");
      await createInPage(page, "Nightly dial-out script");
      await expect(page.getByRole("dialog")).toBeVisible();
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/tokens-secret-${theme}-${vp.name}.png` });
      await page.getByRole("button", { name: "Done" }).click();
      await expect(page.getByRole("dialog")).toBeHidden();
      await expect(page.getByTestId("api-token").first()).toContainText("Active");
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/tokens-${theme}-${vp.name}.png`, fullPage: true });
    });
  }
}

for (const theme of THEMES) {
  for (const vp of VIEWPORTS) {
    test(`screenshot: a user's API tokens on the Users page, ${theme} theme, ${vp.name}`, async ({
      adminPage: page,
      apiAs,
    }) => {
      await revokeAll(await apiAs("moderator"));
      const mod = demoUser("moderator");
      await lookAs(page, theme, vp);
      await page.goto("/users");
      await page.getByRole("button", { name: `API tokens of ${mod.email}` }).click();
      await createInPage(page, "Reporting tool");
      await page.getByRole("button", { name: "Done" }).click();
      const dialog = page.getByRole("dialog", { name: /API tokens of/ });
      await expect(dialog.getByTestId("api-token").first()).toContainText("Active");
      await noSidewaysOverflow(page);
      await page.screenshot({ path: `test-results/screenshots/tokens-users-${theme}-${vp.name}.png` });
    });
  }
}
