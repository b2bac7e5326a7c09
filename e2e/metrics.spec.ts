/**
 * Health, readiness and metrics through the real server (issue 14, "Health and
 * metrics"): health and ready answer without a session, the scrape needs the token,
 * and after this spec's own actions (polls, a mute, a callout followed on the
 * callouts list, sign-ins refused by throttling from its own loopback address) the
 * scrape shows every family Gavel exports counting.
 */
import { GAVEL_METRIC_FAMILIES, PROCESS_METRIC_FAMILY } from "../lib/metrics/families";
import { parseScrape } from "../lib/metrics/scrape-text";
import { expect, test } from "./fixtures";
import { BASE_URL } from "./helpers";
import { E2E_METRICS_TOKEN } from "./metrics-token";
import { Jar, signInFrom } from "./sign-in-client";

const A = "+46701110001";
const B = "+46701110002";

test("health and ready answer without a session; metrics need the token", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", migrations: "ok" } });
  expect((await request.get("/api/metrics")).status()).toBe(401);
  const wrong = await request.get("/api/metrics", { headers: { authorization: "Bearer not-the-token" } });
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()["www-authenticate"]).toMatch(/^Bearer /);
});

test("after polls, a mute, a followed callout and refused sign-ins, every metric family counts", async ({
  apiAs,
  room,
}) => {
  test.setTimeout(120_000);
  const conf = await room("metrics", [{ cli: A }, { cli: B }]);
  const moderator = await apiAs("moderator");
  const support = await apiAs("support");
  const mutation = { origin: BASE_URL };

  for (let i = 0; i < 3; i++) {
    expect((await moderator.get(`/api/conferences/${conf.id}/participants`)).status()).toBe(200);
  }
  const mute = await moderator.patch(`/api/conferences/${conf.id}/participants/${conf.by(A).callId}`, {
    data: { command: "mute" },
    headers: mutation,
  });
  expect(mute.status()).toBe(200);
  const callout = await support.post("/api/callouts", {
    data: { type: "conference", destination: { type: "number", endpoint: "+12025550188" }, conferenceId: conf.id },
    headers: mutation,
  });
  expect(callout.status()).toBe(200);
  // Reading the list follows the callout (a GET of its call info from Sinch).
  expect((await support.get(`/api/callouts?conferenceId=${conf.id}`)).status()).toBe(200);

  // Wrong passwords from this spec's own address, until the gate refuses one: at most
  // GAVEL_LOGIN_MAX_FAILURES_PER_ADDRESS (20) failures, a few at once.
  let refused = false;
  for (let round = 0; round < 8 && !refused; round++) {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        signInFrom("127.0.0.61", new Jar(), `metrics-${round}-${i}@gavel.test`, "not the password"),
      ),
    );
    refused = answers.some((a) => a.status === 429);
  }
  expect(refused).toBe(true);

  const scrape = await fetch(`${BASE_URL}/api/metrics`, { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(scrape.status).toBe(200);
  const text = await scrape.text();
  const families = parseScrape(text);
  const totals = Object.fromEntries(
    [...GAVEL_METRIC_FAMILIES, PROCESS_METRIC_FAMILY].map((name) => [name, families.get(name)?.total ?? 0]),
  );
  for (const [name, total] of Object.entries(totals)) expect(total, name).toBeGreaterThan(0);
  // Routes by path template only: no conference id in any label.
  expect(text).not.toContain(conf.id);
  const routes = new Set(families.get("gavel_http_requests_total")!.samples.map((s) => s.labels.route));
  expect(routes).toContain("/api/conferences/:conferenceId/participants");
  expect(routes).toContain("/api/auth/*");
});
