/**
 * A signed-in user's API latency, quiet and during a sign-in flood, side by side
 * (issue 11, finding 4). Runs against a Gavel already serving on this machine
 * (`npm start`, sandbox mode: the demo moderator is the signed-in user):
 *
 *   npm run bench -- --only sign-in-flood [--port 3000] [--seconds 20] [--flooders 32]
 *
 * The user polls GET /api/conferences back to back for --seconds, quiet; then again
 * while --flooders clients send wrong-password sign-ins as fast as answers come,
 * each from its own loopback address (127.0.1.x), so the per-address limits do not
 * hide the cost: what is left is the global bound on password checks. Prints p50 and
 * p99 for both, and what the flood was answered.
 */
import { performance } from "node:perf_hooks";
import { DEMO_USERS } from "../lib/sandbox/demo-users";
import { Jar, request, signInFrom, targetPort } from "../e2e/sign-in-client";

export interface SignInFloodOptions {
  port: number;
  seconds: number;
  flooders: number;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function pollFor(ms: number, jar: Jar): Promise<number[]> {
  const out: number[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const t = performance.now();
    const res = await request("127.0.0.1", "GET", "/api/conferences", { cookie: jar.header() });
    if (res.status !== 200) throw new Error(`the signed-in user's poll answered ${res.status}`);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

export async function benchSignInFlood(opts: SignInFloodOptions): Promise<void> {
  targetPort(opts.port);
  const user = DEMO_USERS.find((u) => u.role === "moderator");
  if (!user) throw new Error("no demo moderator");
  const jar = new Jar();
  const signedIn = await signInFrom("127.0.0.1", jar, user.email, user.password);
  if (signedIn.status !== 200) throw new Error(`signing in the demo moderator answered ${signedIn.status}`);

  const quiet = await pollFor(opts.seconds * 1000, jar);
  const answered = new Map<number, number>();
  let flooding = true;
  let n = 0;
  const flooders = Array.from({ length: opts.flooders }, async (_, f) => {
    while (flooding) {
      n++;
      const from = `127.0.1.${(n % 250) + 1}`;
      const res = await signInFrom(from, new Jar(), `flood-${f}-${n}@gavel.test`, "wrong").catch(() => null);
      const status = res?.status ?? 0;
      answered.set(status, (answered.get(status) ?? 0) + 1);
    }
  });
  const loud = await pollFor(opts.seconds * 1000, jar);
  flooding = false;
  await Promise.all(flooders);

  const row = (label: string, xs: number[]) =>
    `| ${label.padEnd(22)} | ${String(xs.length).padStart(6)} | ${pct(xs, 50).toFixed(0).padStart(6)} | ${pct(xs, 99).toFixed(0).padStart(6)} |`;
  console.log(`\n## Sign-in flood (${opts.flooders} flooders, ${opts.seconds} s each)\n`);
  console.log("| signed-in user's API   |  polls | p50 ms | p99 ms |");
  console.log("| ---------------------- | -----: | -----: | -----: |");
  console.log(row("quiet", quiet));
  console.log(row("during the flood", loud));
  const statuses = [...answered].sort(([a], [b]) => a - b).map(([s, c]) => `${s === 0 ? "error" : s}: ${c}`);
  console.log(`\nThe flood was answered: ${statuses.join(", ")}`);
}
