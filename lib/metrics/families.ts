/**
 * The metric families Gavel itself exports (lib/metrics/server/registry.ts), by name,
 * for the tests and the e2e run that check each one counts, and for the README's
 * "Monitoring" table. prom-client's default process metrics come beside them. Pure.
 */
export const GAVEL_METRIC_FAMILIES = [
  "gavel_http_requests_total",
  "gavel_http_request_duration_seconds",
  "gavel_sinch_requests_total",
  "gavel_sinch_request_duration_seconds",
  "gavel_poll_requests_total",
  "gavel_poll_upstream_fetches_total",
  "gavel_commands_total",
  "gavel_active_watchers",
  "gavel_sign_in_throttled_total",
] as const;

/** One of prom-client's default process metrics, present in every scrape. */
export const PROCESS_METRIC_FAMILY = "process_cpu_user_seconds_total";
