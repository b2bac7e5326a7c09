/**
 * The fleet test's child processes (nginx, Redis, Gavel instances): started with their
 * output kept in a log file, waited for until their port answers, and stopped for
 * sure: every child is remembered, and the worker's exit (normal, a signal, a crash)
 * kills whatever is left, so a failed run leaves no server behind on CI.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import net from "node:net";

export interface Child {
  name: string;
  proc: ChildProcess;
  /** Resolves when the process has exited (at once if it already has). */
  exited: Promise<void>;
  /** The file its stdout and stderr go to. */
  logFile: string;
}

const living = new Set<Child>();

function killAll(): void {
  for (const child of living) {
    try {
      child.proc.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }
  living.clear();
}

process.once("exit", killAll);
// Playwright stops a worker with SIGINT itself and runs the fixtures' teardown; these
// are the signals that would end the worker without it.
for (const signal of ["SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(1);
  });
}

/** Starts `command` with `args`, its output appended to `logFile`. */
export function startChild(
  name: string,
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; logFile: string },
): Child {
  const out = createWriteStream(opts.logFile, { flags: "a" });
  const proc = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
  proc.stdout?.pipe(out);
  proc.stderr?.pipe(out);
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    proc.once("exit", () => resolve());
    proc.once("error", () => resolve());
  });
  const child: Child = { name, proc, exited, logFile: opts.logFile };
  living.add(child);
  void exited.then(() => {
    living.delete(child);
    out.end();
  });
  return child;
}

/** True while something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Waits until `ready()` holds, checking every 200 ms; fails at once if the child
 * exits first (its log says why) and after `timeoutMs` otherwise.
 */
export async function waitReady(child: Child, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void child.exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`${child.name} exited before it was ready: see ${child.logFile}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`${child.name} was not ready within ${timeoutMs} ms: see ${child.logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Asks the child to stop (SIGTERM), then kills it if it has not within `graceMs`. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill("SIGTERM");
  const timer = setTimeout(() => child.proc.kill("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Kills the child at once (SIGKILL: no clean-up, like a crash) and waits until it is gone. */
export async function killChild(child: Child): Promise<void> {
  child.proc.kill("SIGKILL");
  await child.exited;
}
