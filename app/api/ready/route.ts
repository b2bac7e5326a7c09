// GET /api/ready: 200 when this instance can serve (database reachable, migrations
// applied, Sinch not failing Gavel's last request), else 503 with short reasons.
import { NextResponse } from "next/server";
import { openRoute } from "@/lib/api/server/open-route";
import { monitoringApi } from "@/lib/metrics/contract";
import { readiness } from "@/lib/metrics/server/readiness";

export const GET = openRoute(monitoringApi.ready, async () => {
  const reply = await readiness();
  return reply.status === "ready" ? reply : NextResponse.json(reply, { status: 503 });
});
