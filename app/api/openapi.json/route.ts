// GET /api/openapi.json: the OpenAPI 3.1 document of this API, for any signed-in user
// (a session or an API token). Built from the contracts' zod schemas once per process.
import { apiRoute } from "@/lib/api/server/handler";
import { apiDocsApi } from "@/lib/openapi/contract";
import { openApiDocument } from "@/lib/openapi/document";

export const GET = apiRoute(apiDocsApi.openapi, async () => openApiDocument());
