/**
 * Signing people in and timing their requests over plain HTTP, against any Gavel:
 * next-auth's credentials flow with the cookies kept by hand (hundreds of viewers cost
 * no browser), percentiles, and a server process's resident memory from /proc. Shared
 * by the load test (e2e/load-helpers.ts binds it to the e2e server) and the HTTP
 * benchmarks (bench/http/), so neither imports Playwright's test runner.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { performance } from "node:perf_hooks";

/** A signed-in person: the Cookie header their requests carry. */
export interface Session {
  email: string;
  cookie: string;
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

/**
 * Signs in through next-auth's credentials endpoint at `base`, as the sign-in form
 * does. A throttled sign-in (429) is tried again after its Retry-After, so a tighter
 * sign-in limit slows the setup down instead of failing it.
 */
export async function signInAt(base: string, email: string, password: string): Promise<Session> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: base,
        cookie: cookiesOf(csrf).join("; "),
      },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    if (res.status === 429) {
      const wait = Number(res.headers.get("retry-after") ?? "1");
      await new Promise((r) => setTimeout(r, Math.max(1, wait) * 1000));
      continue;
    }
    const session = cookiesOf(res).find((c) => /next-auth\.session-token=/.test(c));
    if (!session) throw new Error(`sign-in for ${email} set no session cookie (HTTP ${res.status})`);
    return { email, cookie: session };
  }
  throw new Error(`sign-in for ${email} was throttled five times`);
}

/** One answer as the load test keeps it. */
export interface Sample {
  status: number;
  ms: number;
  requestId: string | null;
}

/** Sends one request to `base` as `who` (null: no session); a network failure counts as status 0. */
export async function timedAt(
  base: string,
  who: Session | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<Sample & { body?: string }> {
  const t = performance.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(who ? { cookie: who.cookie } : {}),
        origin: base,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - t, requestId: res.headers.get("x-request-id"), body: text };
  } catch {
    return { status: 0, ms: performance.now() - t, requestId: null };
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The pid of the process listening on this TCP port (the Next server), from /proc. */
export function pidListeningOn(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; the inode is the 10th field.
      if (f[1]?.endsWith(`:${hexPort}`) && f[3] === "0A" && f[9]) inodes.add(`socket:[${f[9]}]`);
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) return Number(pid);
      } catch {
        // The fd closed while we looked.
      }
    }
  }
  throw new Error(`no process of this user listens on port ${port}`);
}

/** Resident memory of a process, in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) / 1024;
}
