/**
 * The audit trail end to end: a failed action's request id (from its response)
 * finds its audit entry, sign-ins are audited with their response's request id,
 * non-admins are refused, the CSV export streams a file a spreadsheet opens
 * safely, and the audit page filters, pages and expands entries.
 */
import { mkdirSync } from "node:fs";
import { request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { parseCsv, CSV_BOM } from "../lib/audit/csv";
import type { AuditEntryView, AuditPage } from "../lib/audit/schemas";
import type { ErrorEnvelope } from "../lib/api/errors";
import { NUMBERS } from "./console-helpers";
import { expect, test } from "./fixtures";
import { BASE_URL, demoUser, uniqueConferenceId } from "./helpers";

const enc = encodeURIComponent;
const mutation = { origin: BASE_URL };

let admin: APIRequestContext;
let moderator: APIRequestContext;

test.beforeAll(async ({ apiAs }) => {
  admin = await apiAs("admin");
  moderator = await apiAs("moderator");
});

async function auditByRequestId(requestId: string): Promise<AuditEntryView[]> {
  const res = await admin.get(`/api/audit?requestId=${enc(requestId)}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["x-request-id"]).toBeTruthy();
  return ((await res.json()) as AuditPage).entries;
}

test("a failed action's request id finds its audit entry, with Sinch's errorCode and reference", async ({
  room,
  fault,
}) => {
  const conf = await room("audit-fail", [{ cli: NUMBERS[0] }, { cli: NUMBERS[1] }]);
  const target = conf.by(NUMBERS[1]);
  const removeFault = await fault({
    match: { operation: "manageParticipant", path: target.callId },
    count: 1,
    fault: { type: "status", status: 503, errorCode: 50300, message: "Service unavailable" },
  });
  try {
    const res = await moderator.patch(`/api/conferences/${enc(conf.id)}/participants/${enc(target.callId)}`, {
      data: { command: "mute" },
      headers: mutation,
    });
    expect(res.status()).toBe(503);
    const requestId = res.headers()["x-request-id"];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await res.json()) as {
      error: { code: string; details: { sinchErrorCode: number; sinchReference: string } };
    };
    expect(body.error.code).toBe("upstream_unavailable");

    const entries = await auditByRequestId(requestId!);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      requestId,
      action: "participant.mute",
      outcome: "failed",
      httpStatus: 503,
      sinchErrorCode: 50300,
      sinchReference: body.error.details.sinchReference,
      conferenceId: conf.id,
      targetCallId: target.callId,
      targetNumber: NUMBERS[1],
      actorEmail: demoUser("moderator").email,
      actorRole: "moderator",
    });
    expect(entries[0]!.latencyMs).not.toBeNull();
    expect(entries[0]!.clientAddress).toBeTruthy();
  } finally {
    await removeFault();
  }

  // The retry succeeds, and is its own entry under its own request id.
  const ok = await moderator.patch(`/api/conferences/${enc(conf.id)}/participants/${enc(target.callId)}`, {
    data: { command: "mute" },
    headers: mutation,
  });
  expect(ok.status()).toBe(200);
  const [entry] = await auditByRequestId(ok.headers()["x-request-id"]!);
  expect(entry).toMatchObject({ outcome: "succeeded", action: "participant.mute", sinchErrorCode: null });
});

test("every sign-in, failed or not, is an audit entry under its response's request id", async () => {
  const ctx = await playwrightRequest.newContext({ baseURL: BASE_URL });
  try {
    const email = `nobody-${Date.now()}@gavel.test`;
    const csrf = await ctx.get("/api/auth/csrf");
    expect(csrf.headers()["x-request-id"]).toBeTruthy();
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await ctx.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: "wrong password", json: "true" },
      headers: mutation,
      maxRedirects: 0,
    });
    const requestId = res.headers()["x-request-id"];
    expect(requestId).toBeTruthy();
    const [failed] = await auditByRequestId(requestId!);
    expect(failed).toMatchObject({
      action: "auth.sign_in",
      outcome: "failed",
      actorEmail: email,
      actorId: null,
      params: { reason: "bad_credentials" },
    });

    const u = demoUser("support");
    const csrf2 = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const good = await ctx.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf2.csrfToken, email: u.email, password: u.password, json: "true" },
      headers: mutation,
      maxRedirects: 0,
    });
    const [succeeded] = await auditByRequestId(good.headers()["x-request-id"]!);
    expect(succeeded).toMatchObject({
      action: "auth.sign_in",
      outcome: "succeeded",
      actorEmail: u.email,
      actorRole: "support",
    });
    expect(succeeded!.actorId).toBeTruthy();
  } finally {
    await ctx.dispose();
  }
});

test("non-admins get 403 from the audit routes and are sent away from the audit page", async ({
  moderatorPage: page,
  apiAs,
}) => {
  for (const role of ["moderator", "support"] as const) {
    const ctx = await apiAs(role);
    for (const path of ["/api/audit", "/api/audit/export", "/api/audit?outcome=failed"]) {
      const res = await ctx.get(path);
      expect(res.status(), `${role} ${path}`).toBe(403);
      const body = (await res.json()) as ErrorEnvelope;
      expect(body.error).toMatchObject({ code: "forbidden", message: "Only admins can read the audit trail." });
      expect(res.headers()["x-request-id"]).toBeTruthy();
    }
  }
  await page.goto("/audit");
  await expect(page).not.toHaveURL(/\/audit/);
});

test("the CSV export streams the filtered set as a file a spreadsheet opens safely", async ({ room }) => {
  // A conference id and a kick reason built to break naive CSV: a formula, quotes, a comma, a line break, unicode.
  const conf = await room("csv", [{ cli: NUMBERS[2] }, { cli: NUMBERS[3] }], `=1+2-${uniqueConferenceId("csv")}`);
  const reason = 'Said "=HYPERLINK(1)", twice\nZoë 日本語';
  const victim = conf.by(NUMBERS[3]);
  const kick = await moderator.delete(`/api/conferences/${enc(conf.id)}/participants/${enc(victim.callId)}`, {
    data: { reason },
    headers: mutation,
  });
  expect(kick.status()).toBe(200);
  const mute = await moderator.patch(
    `/api/conferences/${enc(conf.id)}/participants/${enc(conf.by(NUMBERS[2]).callId)}`,
    {
      data: { command: "mute" },
      headers: mutation,
    },
  );
  expect(mute.status()).toBe(200);

  const res = await admin.get(`/api/audit/export?conferenceId=${enc(conf.id)}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="gavel-audit-\d{8}-\d{4}\.csv"$/);
  expect(res.headers()["x-request-id"]).toBeTruthy();
  const text = (await res.body()).toString("utf8");
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const rows = parseCsv(text);
  const header = rows[0]!;
  const col = (r: string[], name: string) => r[header.indexOf(name)];
  expect(rows).toHaveLength(3);
  const [newest, older] = [rows[1]!, rows[2]!];
  expect(col(newest, "Action")).toBe("participant.mute");
  expect(col(older, "Action")).toBe("participant.kick");
  // The formula-looking conference id is neutralised; the number too (it starts with +).
  expect(col(older, "Conference")).toBe(`'${conf.id}`);
  expect(col(older, "Target number")).toBe(`'${NUMBERS[3]}`);
  expect(JSON.parse(col(older, "Parameters")!)).toEqual({ reason });
  expect(col(older, "Request id")).toBe(kick.headers()["x-request-id"]);
  expect(col(older, "Actor email")).toBe(demoUser("moderator").email);
  // The export itself is on the trail, under the export's request id.
  const [exported] = await auditByRequestId(res.headers()["x-request-id"]!);
  expect(exported).toMatchObject({
    action: "audit.export",
    actorEmail: demoUser("admin").email,
    params: { conferenceId: conf.id },
  });
});

async function shot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test("the audit page filters in its URL, pages with Older and Newer, and expands an entry", async ({
  adminPage: page,
  room,
  fault,
}) => {
  // Many page loads: on a busy machine each takes seconds.
  test.setTimeout(150_000);
  const conf = await room("audit-page", [{ cli: NUMBERS[0] }, { cli: NUMBERS[4] }]);
  const callId = conf.by(NUMBERS[4]).callId;
  const removeFault = await fault({
    match: { operation: "manageParticipant", path: callId },
    count: 1,
    fault: { type: "status", status: 404, errorCode: 40400, message: "Participant not found" },
  });
  for (const command of ["mute", "unmute", "onhold"]) {
    await moderator.patch(`/api/conferences/${enc(conf.id)}/participants/${enc(callId)}`, {
      data: { command },
      headers: mutation,
    });
  }
  await removeFault();

  await page.goto(`/audit?conferenceId=${enc(conf.id)}&limit=1`);
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const entries = page.getByTestId("audit-entry");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Hold");
  await expect(page.getByRole("button", { name: "Newer" })).toBeDisabled();

  await page.getByRole("button", { name: "Older" }).click();
  await expect(entries.first()).toContainText("Unmute");
  await expect(page).toHaveURL(/cursor=/);
  await page.getByRole("button", { name: "Older" }).click();
  await expect(entries.first()).toContainText("Mute");
  await expect(entries.first()).toContainText("Failed");
  await expect(page.getByRole("button", { name: "Older" })).toBeDisabled();
  await page.getByRole("button", { name: "Newer" }).click();
  await expect(entries.first()).toContainText("Unmute");

  // The URL is shareable: the same link shows the same page.
  const url = page.url();
  const other = await page.context().newPage();
  await other.goto(url);
  await expect(other.getByTestId("audit-entry").first()).toContainText("Unmute");
  await other.close();

  // Filtering by outcome from the form puts it in the URL.
  await page.goto(`/audit?conferenceId=${enc(conf.id)}`);
  await expect(entries).toHaveCount(3);
  await page.getByLabel("Outcome").selectOption("failed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/outcome=failed/);
  await expect(entries).toHaveCount(1);

  // Expanding shows every field, Sinch's error included.
  await entries.first().getByRole("button").first().click();
  await expect(entries.first().getByRole("button").first()).toHaveAttribute("aria-expanded", "true");
  await expect(entries.first()).toContainText("40400");
  await expect(entries.first()).toContainText("Sinch reference");
  await expect(entries.first().getByTestId("request-id")).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(page.getByRole("link", { name: /Export CSV/ })).toHaveAttribute(
    "href",
    /\/api\/audit\/export\?.*outcome=failed/,
  );
});

test("audit page screenshots: desktop and 375 px, light and dark", async ({ adminPage: page }) => {
  test.setTimeout(150_000);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, width] of [
      ["desktop", 1280],
      ["mobile", 375],
    ] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/audit?limit=12");
      await expect(page.getByTestId("audit-entry").first()).toBeVisible();
      await page.getByTestId("audit-entry").nth(1).getByRole("button").first().click();
      await shot(page, `audit-${name}-${scheme}`);
    }
  }
});
