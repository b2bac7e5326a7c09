/**
 * Load and soak against the built server and its emulator: viewers poll a
 * conference's participants every poll window as the console does, moderators
 * mute and unmute, for a while; then no answer was a 5xx, nobody met a rate limit,
 * every command sent has exactly one completed audit entry, and the server's memory
 * came back near where it started. Where it started is measured warm, after a few
 * seconds of the same load: V8 grows its heap on first use and keeps it, so a cold
 * start is no baseline; a leak shows as growth beyond the warm figure. Quick in CI (15 s, 50 viewers, 5 moderators);
 * `npm run soak` (LOAD_FULL=1) runs 60 s with 200 viewers and 20 moderators. The
 * figures are printed and attached to the report.
 *
 * Viewers are plain HTTP (no browser), twenty to a person as in the crowd test;
 * each moderator is a person of their own. They are created and signed in one after
 * another before the clock starts.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { NUMBERS } from "./console-helpers";
import { BASE_URL } from "./helpers";
import { percentile, pidListeningOn, rssMiB, signInHttp, timed, type Sample, type Session } from "./load-helpers";

const FULL = process.env.LOAD_FULL === "1";
const SECONDS = FULL ? 60 : 15;
/** The same load first, so the baseline is a warm server's (a cold one has not grown its heap yet). */
const WARM_SECONDS = FULL ? 15 : 5;
const VIEWERS = FULL ? 200 : 50;
const MODERATORS = FULL ? 20 : 5;
const VIEWERS_PER_PERSON = 20;
const POLL_MS = 2000; // GAVEL_POLL_INTERVAL_MS's default, which the e2e server uses
const COMMAND_EVERY_MS = 1000;

test.use({ trace: "off", screenshot: "off" });

const until = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

test(`${VIEWERS} viewers and ${MODERATORS} moderators for ${SECONDS} s: no 5xx, every command audited, memory back`, async ({
  apiAs,
  room,
}) => {
  test.setTimeout((WARM_SECONDS + SECONDS + 420) * 1000);
  const admin = await apiAs("admin");
  const conf = await room(
    "load",
    Array.from({ length: MODERATORS * 2 }, (_, i) => ({ cli: NUMBERS[i % NUMBERS.length]! })),
  );

  // The people: created through the API, signed in one after another.
  const run = randomUUID().slice(0, 8);
  async function person(role: "support" | "moderator", n: number): Promise<Session> {
    const email = `load-${run}-${role}-${n}@gavel.test`;
    const password = `load-${randomUUID()}`;
    const res = await admin.post("/api/users", {
      data: { email, name: `Load ${role} ${n}`, role, password },
      headers: { origin: BASE_URL },
    });
    expect(res.status(), await res.text()).toBe(200);
    return signInHttp(email, password);
  }
  const watchers: Session[] = [];
  for (let i = 0; i < Math.ceil(VIEWERS / VIEWERS_PER_PERSON); i++) watchers.push(await person("support", i));
  const moderators: Session[] = [];
  for (let i = 0; i < MODERATORS; i++) moderators.push(await person("moderator", i));

  const livePath = `/api/conferences/${encodeURIComponent(conf.id)}/participants`;
  // Warm up: the first answers compile nothing in a production build, but open the room.
  expect((await timed(watchers[0]!, "GET", livePath)).status).toBe(200);

  const pid = pidListeningOn(Number(new URL(test.info().project.use.baseURL!).port));
  const cold = rssMiB(pid);
  let before = cold;
  let peak = cold;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 250);

  const reads: Sample[] = [];
  const commands: Sample[] = [];
  const warmStart = Date.now();
  const start = warmStart + WARM_SECONDS * 1000;
  const end = start + SECONDS * 1000;
  // Only the measured phase's answers are figures; the warm-up's are checked all the same.
  const warmReads: Sample[] = [];
  const warmCommands: Sample[] = [];
  const baseline = until(start).then(() => {
    before = rssMiB(pid);
    peak = before;
  });

  const viewer = async (i: number) => {
    const who = watchers[Math.floor(i / VIEWERS_PER_PERSON)]!;
    // Spread over the window, as tabs opened at different moments are.
    for (let next = warmStart + (i * POLL_MS) / VIEWERS; next < end; next += POLL_MS) {
      await until(next);
      (next < start ? warmReads : reads).push(await timed(who, "GET", livePath));
    }
  };
  const moderator = async (i: number) => {
    const who = moderators[i]!;
    const targets = [conf.participants[2 * i]!, conf.participants[2 * i + 1]!];
    let n = 0;
    for (let next = warmStart + (i * COMMAND_EVERY_MS) / MODERATORS; next < end; next += COMMAND_EVERY_MS) {
      await until(next);
      const target = targets[n % 2]!;
      const command = Math.floor(n / 2) % 2 === 0 ? "mute" : "unmute";
      n++;
      const path = `${livePath}/${encodeURIComponent(target.callId)}`;
      (next < start ? warmCommands : commands).push(await timed(who, "PATCH", path, { command }));
    }
  };
  await Promise.all([
    baseline,
    ...Array.from({ length: VIEWERS }, (_, i) => viewer(i)),
    ...Array.from({ length: MODERATORS }, (_, i) => moderator(i)),
  ]);
  const elapsed = (Date.now() - start) / 1000;

  let after = rssMiB(pid);
  const p = (samples: Sample[], pc: number) =>
    Math.round(
      percentile(
        samples.map((r) => r.ms),
        pc,
      ),
    );
  const all = [...reads, ...commands];
  const everything = [...all, ...warmReads, ...warmCommands];
  const figures = {
    mode: FULL ? "full" : "quick",
    seconds: Math.round(elapsed),
    viewers: VIEWERS,
    moderators: MODERATORS,
    requests: all.length,
    requestsPerSecond: Math.round(all.length / elapsed),
    readP50ms: p(reads, 50),
    readP99ms: p(reads, 99),
    commandP50ms: p(commands, 50),
    commandP99ms: p(commands, 99),
    status5xx: everything.filter((r) => r.status >= 500 || r.status === 0).length,
    status429: everything.filter((r) => r.status === 429).length,
    memoryMiB: { cold: Math.round(cold), warm: Math.round(before), peak: Math.round(peak), after: Math.round(after) },
  };
  clearInterval(sampler);
  console.log(`load figures: ${JSON.stringify(figures)}`);
  test.info().annotations.push({ type: "load figures", description: JSON.stringify(figures) });

  expect(figures.status5xx, "no 5xx and no dropped connection").toBe(0);
  expect(figures.status429, "the default rate limits never trip for this use").toBe(0);
  expect([...reads, ...warmReads].every((r) => r.status === 200)).toBe(true);
  const sentCommands = [...warmCommands, ...commands];
  expect(sentCommands.every((r) => r.status === 200 || r.status === 202)).toBe(true);

  // Every command sent has exactly one audit entry, completed (a 202's is decided by reconciliation).
  const sent = new Set(sentCommands.map((c) => c.requestId));
  expect(sent.size).toBe(sentCommands.length);
  await expect
    .poll(
      async () => {
        const seen = new Map<string, string>();
        let cursor: string | null = null;
        do {
          const q = new URLSearchParams({ conferenceId: conf.id, limit: "500", ...(cursor ? { cursor } : {}) });
          const page = (await (await admin.get(`/api/audit?${q}`)).json()) as {
            entries: { requestId: string; outcome: string; action: string }[];
            nextCursor: string | null;
          };
          for (const e of page.entries) if (sent.has(e.requestId)) seen.set(e.requestId, e.outcome);
          cursor = page.nextCursor;
        } while (cursor);
        const missing = [...sent].filter((id) => !seen.has(id as string)).length;
        const open = [...seen.values()].filter((o) => o !== "succeeded" && o !== "failed").length;
        return { missing, open, audited: seen.size };
      },
      { timeout: 30_000 },
    )
    .toEqual({ missing: 0, open: 0, audited: sentCommands.length });

  // Memory: back near the warm start once the load is gone.
  const tolerance = Math.max(32, before * 0.15);
  await expect
    .poll(() => (after = rssMiB(pid)), { timeout: FULL ? 240_000 : 60_000, intervals: [1000] })
    .toBeLessThanOrEqual(before + tolerance);

  console.log(`load memory after settling: ${Math.round(after)} MiB`);
});
