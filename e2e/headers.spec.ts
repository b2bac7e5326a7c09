/**
 * Security headers on the real server (issue 11, finding 11): every page has a
 * Content-Security-Policy with a fresh nonce and no 'unsafe-inline' scripts, and
 * the main pages, as each role, run with zero policy violations and zero console
 * errors, with the parts that insert styles at run time opened (a dialog's scroll
 * lock, a Radix Select, the toaster). API answers get the strict JSON policy.
 * The https half (HSTS, Secure cookies) is lib/security/*.test.ts: this server runs
 * on http://localhost.
 */
import type { Page } from "@playwright/test";
import { test, expect, type NewRoom } from "./fixtures";
import { openConsole } from "./console-helpers";

/** Collects console errors, uncaught errors and CSP violations (the event also reaches the console). */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (m) => {
    // A 4xx the page expects (a conference Gavel has no record of) is not a problem; CSP violations and errors are.
    if (
      m.type() === "error" &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())
    ) {
      problems.push(`console error on ${page.url()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => problems.push(`uncaught on ${page.url()}: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} sample=${e.sample}`);
    });
  });
  return problems;
}

/** Visits a page and waits until it has drawn and settled. */
async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  await ready(page);
  await page.waitForLoadState("networkidle");
}

/** A console page has drawn: the shell shows who is signed in. */
const shell = async (page: Page) => {
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
};

test.describe("content security policy", () => {
  test("every page answer has a nonce policy without unsafe-inline scripts, fresh per request", async ({ request }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await request.get("/login");
      expect(res.status()).toBe(200);
      const csp = res.headers()["content-security-policy"] ?? "";
      const script = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script)?.[1];
      expect(nonce, csp).toBeTruthy();
      expect(script).not.toContain("unsafe-inline");
      expect(script).not.toContain("unsafe-eval");
      for (const d of ["frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]) {
        expect(csp).toContain(d);
      }
      expect(csp).toContain("connect-src 'self'");
      // Next's own scripts and the theme script carry the nonce; no script goes without it.
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
      nonces.add(nonce!);
      // The other headers.
      const h = res.headers();
      expect(h["permissions-policy"]).toContain("camera=()");
      expect(h["permissions-policy"]).toContain("microphone=()");
      expect(h["permissions-policy"]).toContain("geolocation=()");
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("same-origin");
      // http://localhost: no HSTS (it would pin the host to https).
      expect(h["strict-transport-security"]).toBeUndefined();
    }
    expect(nonces.size).toBe(3);
  });

  test("a redirect to sign in and API answers carry their policies", async ({ request }) => {
    const redirect = await request.get("/audit", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expect(redirect.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    const api = await request.get("/api/conferences");
    expect(api.status()).toBe(401);
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers()["permissions-policy"]).toContain("camera=()");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("the sign-in page runs without violations", async ({ page }) => {
    const problems = await watch(page);
    await visit(page, "/login", async (p) => {
      await expect(p.getByLabel("Email")).toBeVisible();
    });
    // The theme script ran (it had the nonce): the class follows the stored choice.
    await page.evaluate(() => localStorage.setItem("gavel-theme", "dark"));
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
    expect(problems).toEqual([]);
  });

  test("as an admin: home, a conference with its dialogs and menus, callouts, audit, users", async ({
    adminPage: page,
    room,
  }) => {
    const problems = await watch(page);
    const conf = await room("csp", [{ cli: "+15551230001" }, { cli: "+15551230002" }]);
    await visit(page, "/", shell);
    await openConsole(page, conf.id, 2);
    await page.waitForLoadState("networkidle");
    // A Radix Select (its viewport inserts a <style>), then an alert dialog (the scroll lock inserts one).
    await page.getByRole("combobox", { name: "Sort" }).click();
    await page.getByRole("option", { name: "Duration" }).click();
    await page.getByRole("button", { name: "End meeting" }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("alertdialog")).toBeHidden();
    await visit(page, "/callouts", shell);
    await visit(page, "/audit", shell);
    await visit(page, "/users", shell);
    expect(problems).toEqual([]);
  });

  const rolePages = async (page: Page, newRoom: NewRoom) => {
    const problems = await watch(page);
    const conf = await newRoom("csp", [{ cli: "+15551230003" }]);
    await visit(page, "/", shell);
    await openConsole(page, conf.id, 1);
    await page.waitForLoadState("networkidle");
    await visit(page, "/callouts", shell);
    await visit(page, "/audit", shell);
    expect(problems).toEqual([]);
  };
  test("as a moderator: the pages the role can open", async ({ moderatorPage, room }) => {
    await rolePages(moderatorPage, room);
  });
  test("as support: the pages the role can open", async ({ supportPage, room }) => {
    await rolePages(supportPage, room);
  });
});
