/**
 * Secrets never leave the server (issue 11, "Keep it closed: Secrets"). Runs after
 * every other spec (its own Playwright project), walks every page and every API GET
 * as each role, and then scans, for the sandbox's Sinch application secret, the
 * signatures derived from it, NEXTAUTH_SECRET and the key next-auth derives from it:
 * - the client bundle (<dist dir>/static),
 * - every answer the run's browsers and API contexts got (e2e/answers.ts),
 * - the server's output (playwright.config.ts tees it to E2E_SERVER_LOG).
 *
 * The secrets are learned from files the launcher keeps, readable by its user only,
 * in the data dir: nextauth-secret and sandbox-credentials.json (scripts/gavel.ts).
 * Each Sinch request's signature is recomputed from the emulator's request log
 * (method, path, content type, body MD5 and x-timestamp as signed), the method
 * checked first against a request this spec signs itself.
 */
import { hkdfSync } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test, expect } from "./fixtures";
import { ANSWERS_DIR, AnswerRecorder } from "./answers";
import { BASE_URL, DATA_DIR, EMULATOR_URL, emulator } from "./helpers";
import { basicAuthorization, hmacSignature, signRequest, stringToSign } from "../lib/sinch/signing";
import { API_ENDPOINTS } from "../lib/api/contracts";
import { E2E_METRICS_TOKEN } from "./metrics-token";

const PORT = process.env.E2E_PORT ?? 3100;
const BUNDLE_DIR = `.next-e2e-${PORT}/static`;
const SERVER_LOG = `data/e2e-${PORT}.server.log`;

interface Needle {
  /** What it is, for the failure message (the value itself is never printed). */
  label: string;
  value: string;
}

function variants(label: string, value: string): Needle[] {
  const forms = new Set([value, encodeURIComponent(value), value.replace(/=+$/, "")]);
  return [...forms].filter((v) => v.length >= 16).map((v) => ({ label, value: v }));
}

function b64url(buf: Buffer): string {
  return buf.toString("base64url");
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Every needle found in every file, as "file: label". */
function scan(paths: string[], needles: Needle[]): string[] {
  const hits: string[] = [];
  for (const p of paths) {
    const text = readFileSync(p, "latin1");
    for (const n of needles) if (text.includes(n.value)) hits.push(`${p}: ${n.label}`);
  }
  return [...new Set(hits)];
}

test("secrets appear nowhere in the bundle, the answers or the server log", async ({ apiAs, browser, room }) => {
  test.setTimeout(300_000);
  const { applicationKey, applicationSecret } = JSON.parse(
    readFileSync(path.join(DATA_DIR, "sandbox-credentials.json"), "utf8"),
  ) as { applicationKey: string; applicationSecret: string };
  const nextAuthSecret = readFileSync(path.join(DATA_DIR, "nextauth-secret"), "utf8").trim();

  // Walk every page and every API GET as each role, so the scan sees all of them at least once.
  const conf = await room("secrets", [{ cli: "+15551239001" }, { cli: "+15551239002" }]);
  const callId = conf.participants[0]!.callId;
  const users = (await (await (await apiAs("admin")).get("/api/users")).json()) as { users?: Array<{ id: string }> };
  const params: Record<string, string> = {
    conferenceId: conf.id,
    callId,
    userId: users.users?.[0]?.id ?? "x",
    calloutId: "x",
    contactId: "x",
  };
  // Every API GET of every contract, the monitoring ones included (asked with a session, not the metrics token).
  const gets = API_ENDPOINTS.filter((ep) => ep.method === "GET");
  expect(gets.length).toBeGreaterThan(5);
  for (const role of ["admin", "moderator", "support"] as const) {
    // Its own recorder: apiAs's answers are written when the worker ends, after this scan.
    const answers = new AnswerRecorder();
    const api = answers.wrap(await apiAs(role));
    for (const ep of gets) {
      const url = ep.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? "x"));
      const res = await api.get(url);
      expect(res.status(), `${role} GET ${url}`).toBeLessThan(500);
    }
    for (const p of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers"]) await api.get(p);
    const context = await browser.newContext({ storageState: await api.storageState() });
    const page = await context.newPage();
    answers.watch(context);
    for (const p of [
      "/",
      `/conferences/${encodeURIComponent(conf.id)}`,
      "/callouts",
      "/directory",
      "/audit",
      "/users",
      "/login",
    ]) {
      await page.goto(p);
      await page.waitForLoadState("networkidle");
    }
    await context.close();
    await answers.flush(`secrets-walk-${role}`);
  }

  // The signatures: recompute each logged Sinch request's, after proving the method on one of ours.
  const probe = "/calling/v1/conferences/id/secrets-probe";
  const signed = signRequest({ key: applicationKey, secret: applicationSecret, method: "GET", path: probe });
  const before = (await emulator.requests()).at(-1)?.seq ?? 0;
  const probeRes = await fetch(`${EMULATOR_URL}${probe}`, { headers: { ...signed } });
  expect(probeRes.status).not.toBe(401);
  const log = await emulator.requests();
  const recompute = (e: (typeof log)[number]) =>
    hmacSignature(
      applicationSecret,
      stringToSign({
        method: e.method,
        contentMd5: e.contentMd5,
        contentType: e.contentType ?? "",
        timestamp: e.timestamp ?? "",
        path: e.decodedPath,
      }),
    );
  const mine = log.find((e) => e.seq > before && e.decodedPath === probe);
  expect(mine && `Application ${applicationKey}:${recompute(mine)}`).toBe(signed.authorization);
  const signatures = log.filter((e) => e.timestamp && e.seq !== mine?.seq && e.authScheme === "signed").map(recompute);
  expect(signatures.length, "no signed Sinch request in the log").toBeGreaterThan(0);

  const secretBytes = Buffer.from(applicationSecret, "base64");
  const nextAuthKey = Buffer.from(hkdfSync("sha256", nextAuthSecret, "", "NextAuth.js Generated Encryption Key", 32));
  const needles: Needle[] = [
    ...variants("the Sinch application secret", applicationSecret),
    ...variants("the Sinch application secret (hex)", secretBytes.toString("hex")),
    ...variants("the Sinch application secret (base64url)", b64url(secretBytes)),
    ...variants("a Basic authorization for the Sinch key", basicAuthorization(applicationKey, applicationSecret)),
    ...signatures.flatMap((s) => variants("a Sinch request signature", s)),
    ...variants("NEXTAUTH_SECRET", nextAuthSecret),
    ...variants("the metrics bearer token", E2E_METRICS_TOKEN),
    ...variants("next-auth's encryption key", b64url(nextAuthKey)),
    ...variants("next-auth's encryption key (hex)", nextAuthKey.toString("hex")),
    // An Authorization header of any request, whatever its signature.
    { label: "a Signed authorization header", value: `Application ${applicationKey}:` },
  ];

  const bundle = files(BUNDLE_DIR);
  const answers = files(ANSWERS_DIR);
  expect(bundle.length, `no bundle in ${BUNDLE_DIR}`).toBeGreaterThan(10);
  expect(answers.length, `no recorded answers in ${ANSWERS_DIR}`).toBeGreaterThanOrEqual(3);
  const targets = [...bundle, ...answers];
  // The log exists when this run started the server (playwright.config.ts); a reused server's may not.
  if (existsSync(SERVER_LOG)) {
    expect(statSync(SERVER_LOG).size).toBeGreaterThan(1000);
    targets.push(SERVER_LOG);
  } else {
    expect(process.env.CI, `no server log at ${SERVER_LOG}`).toBeFalsy();
  }
  const scanned = answers.reduce((n, f) => n + readFileSync(f, "utf8").split("\n").length - 1, 0);
  test.info().annotations.push({
    type: "scanned",
    description: `${bundle.length} bundle files, ${scanned} answers in ${answers.length} files, server log: ${existsSync(SERVER_LOG)}; ${needles.length} needles (${signatures.length} signatures)`,
  });
  console.log(`secrets scan (${BASE_URL}): ${test.info().annotations.at(-1)?.description}`);
  expect(scan(targets, needles)).toEqual([]);
});
