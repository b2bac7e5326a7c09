// GET /api/callouts/settings: the caller IDs and default country the callout forms need.
import { apiRoute } from "@/lib/api/server/handler";
import { calloutsApi } from "@/lib/callouts/contract";
import { calloutSettings } from "@/lib/callouts/server/inputs";

export const GET = apiRoute(calloutsApi.settings, async () => calloutSettings());
