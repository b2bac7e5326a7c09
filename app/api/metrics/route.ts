// GET /api/metrics: Prometheus's text format, for whoever sends the metrics token
// (GAVEL_METRICS_TOKEN; without one configured the route does not exist).
import { openRoute } from "@/lib/api/server/open-route";
import { monitoringApi } from "@/lib/metrics/contract";
import { scrape } from "@/lib/metrics/server/registry";

export const GET = openRoute(monitoringApi.metrics, async () => {
  const { contentType, body } = await scrape();
  return new Response(body, { headers: { "content-type": contentType } });
});
