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

export const directoryApi = {
  list: withSchemas(e.list, { query: directoryListQuerySchema }),
  create: withSchemas(e.create, { body: contactBodySchema }),
  get: withSchemas(e.get, { params: contactParamsSchema }),
  update: withSchemas(e.update, { params: contactParamsSchema, body: contactBodySchema }),
  remove: withSchemas(e.remove, { params: contactParamsSchema }),
  previewImport: withSchemas(e.previewImport, { body: importBodySchema }),
  import: withSchemas(e.import, { body: importBodySchema }),
  export: withSchemas(e.export, {}),
  lookup: withSchemas(e.lookup, { query: lookupQuerySchema }),
  nameNumber: withSchemas(e.nameNumber, { body: nameNumberBodySchema }),
};
