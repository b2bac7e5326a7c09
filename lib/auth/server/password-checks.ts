/**
 * Bounded password checks. bcryptjs is pure JavaScript: a check at cost 12 holds the
 * thread for about 0.3 s, so on the main thread a sign-in flood stalls every API call.
 * Checks run on worker threads (GAVEL_LOGIN_HASH_CONCURRENCY of them), a few more wait
 * in a short queue, and beyond that the caller is told "busy" at once (a 429 with
 * Retry-After) instead of queueing without end. If a worker cannot start (bcryptjs not
 * resolvable from the working directory), checks fall back to the main thread, still
 * bounded, and the log says so once.
 */
import "server-only";
import bcrypt from "bcryptjs";
import { Worker } from "node:worker_threads";
import { config } from "../../config/env";
import { log } from "../../log/logger";

/** Thrown when the queue is full: answer 429 "busy". */
export class PasswordChecksBusy extends Error {
  constructor() {
    super("Too many sign-ins at once");
    this.name = "PasswordChecksBusy";
  }
}

const WORKER_CODE = `
const { parentPort } = require("node:worker_threads");
const bcrypt = require("bcryptjs");
parentPort.on("message", (m) => {
  bcrypt.compare(m.password, m.hash).then(
    (ok) => parentPort.postMessage({ id: m.id, ok }),
    (e) => parentPort.postMessage({ id: m.id, error: String(e) }),
  );
});`;

interface Job {
  password: string;
  hash: string;
  resolve: (ok: boolean) => void;
  reject: (e: Error) => void;
}

class CheckPool {
  private readonly queue: Job[] = [];
  private readonly idle: Worker[] = [];
  private running = 0;
  private workers: Worker[] | null = null;
  private mainThread = false;

  constructor(
    private readonly size: number,
    private readonly maxQueue: number,
  ) {}

  compare(password: string, hash: string): Promise<boolean> {
    if (this.running >= this.size && this.queue.length >= this.maxQueue)
      return Promise.reject(new PasswordChecksBusy());
    return new Promise((resolve, reject) => {
      this.queue.push({ password, hash, resolve, reject });
      this.pump();
    });
  }

  private start(): void {
    if (this.workers) return;
    this.workers = [];
    try {
      for (let i = 0; i < this.size; i++) {
        const w = new Worker(WORKER_CODE, { eval: true });
        w.unref();
        this.workers.push(w);
        this.idle.push(w);
      }
    } catch (e) {
      log("warn", "password_checks_on_main_thread", { error: String(e) });
      this.mainThread = true;
    }
  }

  private pump(): void {
    this.start();
    while (this.running < this.size && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      const done = () => {
        this.running--;
        this.pump();
      };
      if (this.mainThread) {
        bcrypt.compare(job.password, job.hash).then(job.resolve, job.reject).finally(done);
        continue;
      }
      const worker = this.idle.pop()!;
      const onMessage = (m: { ok?: boolean; error?: string }) => {
        worker.off("error", onError);
        this.idle.push(worker);
        if (m.error !== undefined) job.reject(new Error(m.error));
        else job.resolve(m.ok === true);
        done();
      };
      const onError = (e: Error) => {
        worker.off("message", onMessage);
        log("warn", "password_checks_on_main_thread", { error: String(e) });
        this.mainThread = true;
        bcrypt.compare(job.password, job.hash).then(job.resolve, job.reject).finally(done);
      };
      worker.once("message", onMessage);
      worker.once("error", onError);
      worker.postMessage({ id: 1, password: job.password, hash: job.hash });
    }
  }
}

const KEY = Symbol.for("gavel.passwordChecks");

function pool(): CheckPool {
  const holder = globalThis as { [KEY]?: CheckPool };
  const size = config().GAVEL_LOGIN_HASH_CONCURRENCY;
  // A short queue: a sign-in that would wait more than a few checks' time is better told to retry.
  holder[KEY] ??= new CheckPool(size, size * 4);
  return holder[KEY];
}

/** bcrypt.compare, off the main thread and bounded; rejects with PasswordChecksBusy when full. */
export function comparePassword(password: string, hash: string): Promise<boolean> {
  return pool().compare(password, hash);
}
