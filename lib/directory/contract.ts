/** The directory API: ./endpoints.ts with the schemas the server parses with. */
import { withSchemas } from "../api/endpoint";
import {
  contactBodySchema,
  contactParamsSchema,
  directoryListQuerySchema,
  importBodySchema,
  lookupQuerySchema,
  nameNumberBodySchema,
} from "./schemas";
import { directoryEndpoints as e } from "./endpoints";
import * as r from "./replies";

export const directoryApi = {
  list: withSchemas(e.list, { query: directoryListQuerySchema, reply: r.directoryListReplySchema }),
  create: withSchemas(e.create, { body: contactBodySchema, reply: r.oneContactSchema }),
  get: withSchemas(e.get, { params: contactParamsSchema, reply: r.oneContactSchema }),
  update: withSchemas(e.update, { params: contactParamsSchema, body: contactBodySchema, reply: r.oneContactSchema }),
  remove: withSchemas(e.remove, { params: contactParamsSchema, reply: r.deletedSchema }),
  previewImport: withSchemas(e.previewImport, { body: importBodySchema, reply: r.importPreviewSchema }),
  import: withSchemas(e.import, { body: importBodySchema, reply: r.importResultSchema }),
  export: withSchemas(e.export, {}),
  lookup: withSchemas(e.lookup, { query: lookupQuerySchema, reply: r.numberLookupSchema }),
  nameNumber: withSchemas(e.nameNumber, { body: nameNumberBodySchema, reply: r.nameNumberResultSchema }),
};
