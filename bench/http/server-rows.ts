/**
 * The server-side rows that need the whole crowd or a fresh start: upstream GETs per
 * window while moderators act, the Next server's resident memory after the crowd
 * and after idle (VmRSS from /proc), and how long a start takes until the sign-in
 * page answers (Gavel's launcher, `next start` of the same build, and dev).
 */
import { performance } from "node:perf_hooks";
import { pidListeningOn, rssMiB, timedAt } from "../../e2e/http-session";
import { getsSince, logMark, room, sleep, until } from "./load";
import type { Results } from "./table";
import { gavelParticipantsPath, spawnGroup, stopGroup, waitFor, type Stack } from "./stack";

const WINDOW_MS = 2000;

/** `viewers` staggered viewers and `moderators` each acting once a second, for `seconds`; then idle for `idleSeconds`. */
export async function crowdRows(
  s: Stack,
  res: Results,
  z: { viewers: number; seconds: number; idleSeconds: number; bareIdleMiB: number | null },
): Promise<void> {
  const moderators = s.moderators;
  const id = "bench-crowd";
  const callIds = await room(s.emu, id, Math.max(40, moderators.length * 2));
  const live = gavelParticipantsPath(id);
  await timedAt(s.base, s.viewers[0]!, "GET", live);
  const pid = pidListeningOn(s.port);
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 250);
  const mark = await logMark(s.emu);
  const start = Date.now() + 50;
  const end = start + z.seconds * 1000;
  let failures = 0;
  const viewer = async (i: number) => {
    const who = s.viewers[i % s.viewers.length]!;
    for (let next = start + (i * WINDOW_MS) / z.viewers; next < end; next += WINDOW_MS) {
      await until(next);
      if ((await timedAt(s.base, who, "GET", live)).status !== 200) failures++;
    }
  };
  const moderator = async (i: number) => {
    const who = moderators[i]!;
    let n = 0;
    for (let next = start + (i * 1000) / moderators.length; next < end; next += 1000) {
      await until(next);
      const target = callIds[2 * i + (n % 2)]!;
      const command = Math.floor(n / 2) % 2 === 0 ? "mute" : "unmute";
      n++;
      const r = await timedAt(s.base, who, "PATCH", `${live}/${target}`, { command });
      if (r.status !== 200 && r.status !== 202) failures++;
    }
  };
  await Promise.all([
    ...Array.from({ length: z.viewers }, (_, i) => viewer(i)),
    ...Array.from({ length: moderators.length }, (_, i) => moderator(i)),
  ]);
  const windows = z.seconds / (WINDOW_MS / 1000);
  const gets = (await getsSince(s.emu, mark, [id])) / windows;
  const after = rssMiB(pid);
  clearInterval(sampler);
  await sleep(z.idleSeconds * 1000);
  const idle = rssMiB(pid);
  res.add({
    id: "gets-moderators",
    measure: `upstream GETs per window while ${moderators.length} moderators act (${z.viewers} viewers)`,
    goal: "≤ 2",
    gavel: gets,
    baseline: 1,
    unit: "GETs",
    detail: failures ? `${failures} requests failed` : undefined,
    baselineIs: "one per window with nobody acting",
  });
  res.add({
    id: "memory-load",
    measure: `server RSS after ${z.seconds} s of ${z.viewers} viewers + ${moderators.length} moderators`,
    goal: "back near start",
    gavel: after,
    baseline: before,
    unit: "MiB",
    detail: `peak ${peak.toFixed(0)} MiB; ${s.startRssMiB.toFixed(0)} MiB at start, before every other row`,
    baselineIs: "the same server before the crowd",
  });
  res.add({
    id: "memory-idle",
    measure: `server RSS after ${z.idleSeconds} s idle`,
    goal: "back near start",
    gavel: idle,
    baseline: z.bareIdleMiB,
    unit: "MiB",
    baselineIs: z.bareIdleMiB === null ? "bare Next not built" : "bare Next app, idle",
  });
}

/** `next start` of Gavel's own build (no launcher, no front door), for the start row's baseline. */
export async function nextStartMs(s: Stack, port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawnGroup(
    ["node_modules/next/dist/bin/next", "start", "-p", String(port)],
    { ...s.env, PORT: String(port), NODE_ENV: "production" },
    "next start",
  );
  try {
    await waitFor(`http://localhost:${port}/login`, 60_000);
    return performance.now() - t0;
  } finally {
    await stopGroup(child);
  }
}

/** `npm run dev` (the launcher in dev mode, into its own dist dir) → the sign-in page's first answer. */
export async function devStartMs(s: Stack, port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawnGroup(
    ["--import", "tsx", "scripts/gavel.ts", "dev"],
    {
      ...s.env,
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
      GAVEL_NEXT_DIST_DIR: ".next-bench-dev",
      NODE_ENV: "development",
    },
    "next dev",
  );
  try {
    await waitFor(`http://localhost:${port}/login`, 180_000, 200);
    return performance.now() - t0;
  } finally {
    await stopGroup(child);
  }
}
