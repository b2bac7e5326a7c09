import { execFileSync } from "node:child_process";
import type { UserView } from "../lib/users/schemas";
import { expect, test } from "./fixtures";
import { BASE_URL, DATA_DIR, demoUser, signIn, uniqueConferenceId } from "./helpers";

const NAV: Record<string, string[]> = {
  moderator: ["Conferences"],
  support: ["Conferences", "Callouts"],
  admin: ["Conferences", "Callouts", "Audit", "Users"],
};
const ALL_NAV = ["Conferences", "Callouts", "Audit", "Users"];

for (const role of ["moderator", "support", "admin"] as const) {
  test(`${role} signs in, sees only the pages the role may use, and signs out`, async ({ page }) => {
    await signIn(page, role);
    const u = demoUser(role);
    await expect(page.getByTestId("signed-in-as")).toHaveText(
      `Signed in as ${u.name} (${role[0]!.toUpperCase()}${role.slice(1)})`,
    );
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ALL_NAV) {
      if (NAV[role]!.includes(link)) await expect(nav.getByRole("link", { name: link })).toBeVisible();
      else await expect(nav.getByRole("link", { name: link })).toHaveCount(0);
    }
    if (role !== "admin") {
      // Typing the URL of an admin page does not show it either.
      await page.goto("/users");
      await expect(page).not.toHaveURL(/\/users$/);
    }
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("a disabled user is locked out within 60 seconds", async ({ page, apiAs }) => {
  test.setTimeout(120_000);
  const admin = await apiAs("admin");
  const email = `to-disable-${Date.now()}@gavel.test`;
  const password = "correct horse battery";
  const created = await admin.post("/api/users", {
    data: { email, name: "Soon Disabled", role: "moderator", password },
    headers: { origin: BASE_URL },
  });
  expect(created.status()).toBe(200);
  const { user } = (await created.json()) as { user: UserView };

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Soon Disabled");

  const res = await admin.patch(`/api/users/${user.id}`, { data: { disabled: true }, headers: { origin: BASE_URL } });
  expect(res.status()).toBe(200);

  // The session cookie is still there, but the account is re-read from the database.
  await expect
    .poll(
      async () => {
        const api = await page.request.get("/api/conferences");
        return api.status();
      },
      { timeout: 60_000, intervals: [1000] },
    )
    .toBe(401);
  // The open console may already have been sent to sign in by its own next poll.
  await page.goto("/").catch(() => undefined);
  await expect(page).toHaveURL(/\/login/);

  // And signing in again is refused with the same sentence as a wrong password.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#login-error")).toHaveText("That email and password do not match an active account.");
});

test("the sixth wrong password within a minute is refused with when to try again", async ({ page, apiAs }) => {
  const admin = await apiAs("admin");
  const email = `rate-limit-${Date.now()}@gavel.test`;
  await admin.post("/api/users", {
    data: { email, name: "Rate Limited", role: "support", password: "the right password" },
    headers: { origin: BASE_URL },
  });

  await page.goto("/login");
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("#login-error")).toHaveText("That email and password do not match an active account.");
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password 6");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#login-error")).toHaveText(
    /Too many failed sign-in attempts\. Try again in \d+ seconds?\./,
  );

  // Even the right password waits, from this browser and address: the limit is on the
  // account and address together, not on the guess (the owner's own browsers, which
  // hold a device cookie, are not held back: e2e/sessions.spec.ts).
  await page.getByLabel("Password").fill("the right password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#login-error")).toHaveText(/Too many failed sign-in attempts/);
});

test("a session that ends mid-action sends the person to sign in and back", async ({ page, context }) => {
  await signIn(page, "moderator", "/?from=test");
  await expect(page).toHaveURL(/\/\?from=test$/);
  const id = uniqueConferenceId("expiry");
  const opened = await page.request.post("/api/conferences", {
    data: { conferenceId: id },
    headers: { origin: BASE_URL },
  });
  expect(opened.status()).toBe(200);
  // The reloaded page asks next-auth for its session, and that answer sets the session
  // cookie again: let it land first, or it would undo the clearing below.
  await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === "/api/auth/session"), page.reload()]);
  await context.clearCookies();
  // The next request the console makes (this click, or its own poll if that comes
  // first) answers 401, and the console sends the person to sign in, remembering where
  // they were.
  await page
    .getByRole("button", { name: `Pin ${id}` })
    .click({ timeout: 5_000 })
    .catch(() => undefined);
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2F%3Ffrom%3Dtest&expired=1/, { timeout: 30_000 });
  await expect(page.getByText("Your session ended.")).toBeVisible();
  const u = demoUser("moderator");
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/\?from=test$/);
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
});

test("only same-origin return paths are followed after sign-in", async ({ page }) => {
  const u = demoUser("support");
  await page.goto(`/login?callbackUrl=${encodeURIComponent("https://evil.example/steal")}`);
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
  expect(new URL(page.url()).origin).toBe(BASE_URL);
});

test("the users CLI creates an admin who can then sign in", async ({ page }) => {
  const email = `cli-admin-${Date.now()}@gavel.test`;
  const password = "a cli made password";
  execFileSync(
    "npx",
    [
      "tsx",
      "scripts/users.ts",
      "add",
      "--email",
      email,
      "--role",
      "admin",
      "--name",
      "Cli Admin",
      "--password",
      password,
      // This e2e server runs in sandbox mode, on the sandbox's database.
      "--sandbox",
    ],
    {
      env: { ...process.env, GAVEL_DATA_DIR: DATA_DIR, DATABASE_URL: "" },
      stdio: "pipe",
    },
  );
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText("Cli Admin (Admin)");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();
});

test("a sign-in whose CSRF token loses next-auth's first-visit race is retried once, and works", async ({ page }) => {
  // On a first visit next-auth's concurrent requests each set a CSRF cookie, and the
  // token the form sends can be the one that lost. Simulated: the first POST carries a
  // token the server cannot accept.
  const posts: string[] = [];
  await page.route("**/api/auth/callback/credentials", async (route) => {
    const body = route.request().postData() ?? "";
    posts.push(body);
    if (posts.length === 1) {
      await route.continue({ postData: body.replace(/csrfToken=[^&]*/, "csrfToken=lost-the-race") });
    } else {
      await route.continue();
    }
  });
  const u = demoUser("moderator");
  await page.goto("/login");
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(u.name, { timeout: 30_000 });
  expect(posts).toHaveLength(2);
});
