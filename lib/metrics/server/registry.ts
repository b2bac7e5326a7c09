/**
 * Gavel's metrics: one prom-client registry per process, with every family Gavel
 * exports and the one-line hooks the hot paths call (README "Monitoring").
 *
 * The registry lives on globalThis, like lib/util/server/process-singleton.ts: the
 * front server (lib/api/server/front-server.ts, outside Next's bundler) and Next's
 * route bundles each evaluate their own copy of this module, and they must count
 * into the same families. Labels are bounded sets only: a route is its endpoint's
 * path template, never the raw path.
 *
 * No `import "server-only"`: the front server's poll fast path loads this outside
 * Next's bundler.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What one upstream Sinch attempt ended with: its HTTP status, or no answer at all. */
export type UpstreamStatus = number | "timeout" | "network";
export type CommandOutcome = "succeeded" | "failed" | "unknown";
/** Where a sign-in was refused: the address/device gate, the account's delay, or the hash queue being full. */
export type ThrottleAt = "gate" | "account" | "busy";

interface Families {
  registry: Registry;
  httpRequests: Counter<"route" | "method" | "status">;
  httpSeconds: Histogram<"route" | "method" | "status">;
  upstreamCalls: Counter<"operation" | "status">;
  upstreamSeconds: Histogram<"operation" | "status">;
  pollRequests: Counter<"served_by">;
  pollUpstream: Counter<never>;
  commands: Counter<"action" | "outcome">;
  signInThrottled: Counter<"at">;
  watchers: Map<string, () => number>;
  fleetJobs: { count?: () => Map<string, number> };
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create(): Families {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const watchers = new Map<string, () => number>();
  new Gauge({
    name: "gavel_active_watchers",
    help: "Background watchers running in this process, by kind (callout follower, reconciler, ...).",
    labelNames: ["kind"],
    registers,
    collect() {
      this.reset();
      for (const [kind, count] of watchers) {
        try {
          this.set({ kind }, count());
        } catch {
          // A watcher that cannot say is left out of this scrape.
        }
      }
    },
  });
  const fleetJobs: Families["fleetJobs"] = {};
  new Gauge({
    name: "gavel_fleet_jobs_held",
    help: "Background jobs this instance holds the lease of now, by job (retention, policy, callout, recovery, ...).",
    labelNames: ["job"],
    registers,
    collect() {
      this.reset();
      try {
        for (const [job, n] of fleetJobs.count?.() ?? []) this.set({ job }, n);
      } catch {
        // Left out of this scrape.
      }
    },
  });
  return {
    registry,
    watchers,
    fleetJobs,
    httpRequests: new Counter({
      name: "gavel_http_requests_total",
      help: "API requests answered, by route (the endpoint's path template), method and status.",
      labelNames: ["route", "method", "status"],
      registers,
    }),
    httpSeconds: new Histogram({
      name: "gavel_http_request_duration_seconds",
      help: "Time to answer an API request, by route, method and status.",
      labelNames: ["route", "method", "status"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    upstreamCalls: new Counter({
      name: "gavel_sinch_requests_total",
      help: 'Requests to Sinch (each attempt), by operation and HTTP status, or "timeout" / "network".',
      labelNames: ["operation", "status"],
      registers,
    }),
    upstreamSeconds: new Histogram({
      name: "gavel_sinch_request_duration_seconds",
      help: "Time of each request to Sinch, by operation and status.",
      labelNames: ["operation", "status"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    pollRequests: new Counter({
      name: "gavel_poll_requests_total",
      help: "Participants polls answered to viewers, by who served them (the route, or the front server's fast path).",
      labelNames: ["served_by"],
      registers,
    }),
    pollUpstream: new Counter({
      name: "gavel_poll_upstream_fetches_total",
      help: "Participant lists fetched from Sinch for the poll cache (viewers' polls beyond these were coalesced).",
      registers,
    }),
    commands: new Counter({
      name: "gavel_commands_total",
      help: "Audited Sinch actions (moderation commands, callouts), by audit action and outcome.",
      labelNames: ["action", "outcome"],
      registers,
    }),
    signInThrottled: new Counter({
      name: "gavel_sign_in_throttled_total",
      help: "Sign-in attempts refused by throttling, by where they were refused.",
      labelNames: ["at"],
      registers,
    }),
  };
}

const KEY = Symbol.for("gavel.metrics");
type Holder = typeof globalThis & { [KEY]?: Families };

function families(): Families {
  return ((globalThis as Holder)[KEY] ??= create());
}

/** One API request answered: `route` is the endpoint's path template (or a fixed word). */
export function countRequest(route: string, method: string, status: number, startedMs: number): void {
  const labels = { route, method, status: String(status) };
  const f = families();
  f.httpRequests.inc(labels);
  f.httpSeconds.observe(labels, Math.max(0, performance.now() - startedMs) / 1000);
}

/** One attempt at Sinch: its status, or "timeout" / "network", and how long it took. */
export function countUpstream(operation: string, status: UpstreamStatus, latencyMs: number): void {
  const labels = { operation, status: String(status) };
  const f = families();
  f.upstreamCalls.inc(labels);
  f.upstreamSeconds.observe(labels, Math.max(0, latencyMs) / 1000);
}

/** A viewer's participants poll answered (by the route, or by the front server's fast path). */
export function countPoll(servedBy: "route" | "fast_path"): void {
  families().pollRequests.inc({ served_by: servedBy });
}

/** One participant list fetched from Sinch for the poll cache. */
export function countPollFetch(): void {
  families().pollUpstream.inc();
}

/** An audited Sinch action finished, as the audit trail records it. */
export function countCommand(action: string, outcome: CommandOutcome): void {
  families().commands.inc({ action, outcome });
}

/** A sign-in attempt refused by throttling. */
export function countSignInThrottled(at: ThrottleAt): void {
  families().signInThrottled.inc({ at });
}

/**
 * A background job says how many things it watches: `count` is read at each scrape
 * (registering the same kind again replaces it, e.g. after a dev reload).
 */
export function reportWatchers(kind: string, count: () => number): void {
  families().watchers.set(kind, count);
}

/** A job that keeps its own count pushes it: the gauge shows `n` until set again. */
export function setActiveWatchers(kind: string, n: number): void {
  reportWatchers(kind, () => n);
}

/** The fleet's leases report which jobs this instance holds (by job kind), read at each scrape. */
export function reportFleetJobs(count: () => Map<string, number>): void {
  families().fleetJobs.count = count;
}

/** The scrape: Prometheus's text format. */
export async function scrape(): Promise<{ contentType: string; body: string }> {
  const { registry } = families();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
