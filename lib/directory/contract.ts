/**
 * The directory API: contacts (list with search and paging, get, create, update,
 * delete), a CSV import (preview, then commit of the good lines) and a CSV export.
 * Admins and support manage it; moderators read it, and may name a caller from a
 * conference row (`nameNumber`). Client-safe.
 */
import { endpoint, file, json } from "../api/endpoint";
import {
  contactBodySchema,
  contactParamsSchema,
  directoryListQuerySchema,
  importBodySchema,
  lookupQuerySchema,
  nameNumberBodySchema,
  type ContactView,
  type DirectoryListResponse,
  type ImportPreview,
  type ImportResult,
  type NameNumberResult,
  type NumberLookup,
} from "./schemas";

export const directoryApi = {
  /** One page of contacts in name order; `q` searches names, organisations and numbers. */
  list: endpoint({
    method: "GET",
    path: "/api/directory/contacts",
    permission: "directory:read",
    query: directoryListQuerySchema,
    reply: json<DirectoryListResponse>(),
  }),
  create: endpoint({
    method: "POST",
    path: "/api/directory/contacts",
    permission: "directory:manage",
    body: contactBodySchema,
    reply: json<{ contact: ContactView }>(),
  }),
  get: endpoint({
    method: "GET",
    path: "/api/directory/contacts/:contactId",
    permission: "directory:read",
    params: contactParamsSchema,
    reply: json<{ contact: ContactView }>(),
  }),
  /** Replaces the contact's fields and numbers. */
  update: endpoint({
    method: "PATCH",
    path: "/api/directory/contacts/:contactId",
    permission: "directory:manage",
    params: contactParamsSchema,
    body: contactBodySchema,
    reply: json<{ contact: ContactView }>(),
  }),
  remove: endpoint({
    method: "DELETE",
    path: "/api/directory/contacts/:contactId",
    permission: "directory:manage",
    params: contactParamsSchema,
    reply: json<{ deleted: true }>(),
  }),
  /** Reads a CSV and says, line by line, what would be imported and why the rest would not. Changes nothing. */
  previewImport: endpoint({
    method: "POST",
    path: "/api/directory/import/preview",
    permission: "directory:manage",
    body: importBodySchema,
    reply: json<ImportPreview>(),
  }),
  /** Imports the good lines of a CSV (checked again), all in one transaction. */
  import: endpoint({
    method: "POST",
    path: "/api/directory/import",
    permission: "directory:manage",
    body: importBodySchema,
    reply: json<ImportResult>(),
  }),
  /** Who holds a number (typed any way): the callout forms' label, the row's naming form. */
  lookup: endpoint({
    method: "GET",
    path: "/api/directory/lookup",
    permission: "directory:read",
    query: lookupQuerySchema,
    reply: json<NumberLookup>(),
  }),
  /**
   * "Name this number" from a conference row (moderators too): renames the contact
   * holding the number, or adds one with it. Nothing else about a contact changes.
   */
  nameNumber: endpoint({
    method: "POST",
    path: "/api/directory/name-number",
    permission: "directory:name-caller",
    body: nameNumberBodySchema,
    reply: json<NameNumberResult>(),
  }),
  export: endpoint({
    method: "GET",
    path: "/api/directory/export",
    permission: "directory:read",
    reply: file("text/csv"),
  }),
};
