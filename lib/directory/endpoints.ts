/**
 * The directory API as the browser calls it: contacts (list with search and paging,
 * get, create, update, delete), a CSV import (preview, then commit of the good lines)
 * and a CSV export. Schemas are named by type only, so no zod reaches the browser;
 * ./contract.ts adds them. Admins and support manage the directory; moderators read it,
 * and may name a caller from a conference row (`nameNumber`).
 */
import { file, json, route, type Download } from "../api/endpoint";
import type * as S from "./schemas";
import type {
  ContactView,
  DirectoryListResponse,
  ImportPreview,
  ImportResult,
  NameNumberResult,
  NumberLookup,
} from "./types";

type Params = typeof S.contactParamsSchema;
type Body = typeof S.contactBodySchema;
type Import = typeof S.importBodySchema;

export const directoryEndpoints = {
  /** One page of contacts in name order; `q` searches names, organisations and numbers. */
  list: route<DirectoryListResponse, undefined, typeof S.directoryListQuerySchema>({
    method: "GET",
    path: "/api/directory/contacts",
    summary: "A page of contacts in name order; q searches names, organisations and numbers",
    permission: "directory:read",
    reply: json(),
  }),
  create: route<{ contact: ContactView }, undefined, undefined, Body>({
    method: "POST",
    path: "/api/directory/contacts",
    summary: "Add a contact",
    permission: "directory:manage",
    reply: json(),
  }),
  get: route<{ contact: ContactView }, Params>({
    method: "GET",
    path: "/api/directory/contacts/:contactId",
    summary: "One contact",
    permission: "directory:read",
    reply: json(),
  }),
  /** Replaces the contact's fields and numbers. */
  update: route<{ contact: ContactView }, Params, undefined, Body>({
    method: "PATCH",
    path: "/api/directory/contacts/:contactId",
    summary: "Replace a contact's fields and numbers",
    permission: "directory:manage",
    reply: json(),
  }),
  remove: route<{ deleted: true }, Params>({
    method: "DELETE",
    path: "/api/directory/contacts/:contactId",
    summary: "Delete a contact",
    permission: "directory:manage",
    reply: json(),
  }),
  /** Reads a CSV and says, line by line, what would be imported and why the rest would not. Changes nothing. */
  previewImport: route<ImportPreview, undefined, undefined, Import>({
    method: "POST",
    path: "/api/directory/import/preview",
    summary: "Read a CSV and say, line by line, what would be imported (changes nothing)",
    permission: "directory:manage",
    reply: json(),
  }),
  /** Imports the good lines of a CSV (checked again), all in one transaction. */
  import: route<ImportResult, undefined, undefined, Import>({
    method: "POST",
    path: "/api/directory/import",
    summary: "Import the good lines of a CSV, in one transaction",
    permission: "directory:manage",
    reply: json(),
  }),
  export: route<Download>({
    method: "GET",
    path: "/api/directory/export",
    summary: "The directory as CSV",
    permission: "directory:read",
    reply: file("text/csv"),
  }),
  /** Who holds a number (typed any way): the callout forms' label, the row's naming form. */
  lookup: route<NumberLookup, undefined, typeof S.lookupQuerySchema>({
    method: "GET",
    path: "/api/directory/lookup",
    summary: "Who holds a number (typed any way)",
    permission: "directory:read",
    reply: json(),
  }),
  /**
   * "Name this number" from a conference row (moderators too): renames the contact
   * holding the number, or adds one with it. Nothing else about a contact changes.
   */
  nameNumber: route<NameNumberResult, undefined, undefined, typeof S.nameNumberBodySchema>({
    method: "POST",
    path: "/api/directory/name-number",
    summary: "Name a caller: rename the contact holding the number, or add one",
    permission: "directory:name-caller",
    reply: json(),
  }),
};
