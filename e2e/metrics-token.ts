/**
 * The metrics token the e2e server is configured with (playwright.config.ts sets
 * GAVEL_METRICS_TOKEN to it) and e2e/metrics.spec.ts scrapes /api/metrics with. A test
 * value, not a secret: no other deployment uses it.
 */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-for-the-scrape-0123456789abcdef";
