// GET /api/directory/contacts: a page of the directory (search with q). POST: add a contact.
import { apiRoute } from "@/lib/api/server/handler";
import { directoryApi } from "@/lib/directory/contract";
import { createDirectoryContact, listDirectory } from "@/lib/directory/server/service";

export const GET = apiRoute(directoryApi.list, (ctx) => listDirectory(ctx.query));

export const POST = apiRoute(directoryApi.create, async (ctx) => ({
  contact: await createDirectoryContact(ctx, ctx.body),
}));
