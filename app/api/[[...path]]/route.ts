// Any path under /api that no route serves: the envelope's 404, not Next's HTML page.
// (Behind Gavel's server the front door answers these first, lib/api/front-door.ts;
// this covers Next run on its own, e.g. `next dev`.)
import type { NextRequest } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { errorResponse } from "@/lib/api/server/handler";
import { served } from "@/lib/api/server/served";

function notFound(req: NextRequest): Promise<Response> {
  return served(req, "api_request", async ({ requestId }) =>
    errorResponse(new ApiError("not_found", `No API route ${req.nextUrl.pathname.slice(0, 120)}.`), requestId),
  );
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
