// GET /api/health: the process is up (for a load balancer's liveness check). No
// session, no database, no rate limit: it answers as long as the process does.
import { openRoute } from "@/lib/api/server/open-route";
import { monitoringApi } from "@/lib/metrics/contract";

export const GET = openRoute(monitoringApi.health, async () => ({ status: "ok" }) as const);
