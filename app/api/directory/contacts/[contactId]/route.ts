// GET, PATCH (replace fields and numbers) and DELETE one contact of the directory.
import { apiRoute } from "@/lib/api/server/handler";
import { directoryApi } from "@/lib/directory/contract";
import { deleteDirectoryContact, getDirectoryContact, updateDirectoryContact } from "@/lib/directory/server/service";

export const GET = apiRoute(directoryApi.get, async (ctx) => ({
  contact: await getDirectoryContact(ctx.params.contactId),
}));

export const PATCH = apiRoute(directoryApi.update, async (ctx) => ({
  contact: await updateDirectoryContact(ctx, ctx.params.contactId, ctx.body),
}));

export const DELETE = apiRoute(directoryApi.remove, (ctx) => deleteDirectoryContact(ctx, ctx.params.contactId));
