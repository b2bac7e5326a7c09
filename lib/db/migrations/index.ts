/**
 * Every migration, listed by hand. A folder scan (Kysely's FileMigrationProvider)
 * finds nothing once Next.js has bundled the server, so the list is static.
 *
 * To add one: create `NNNN-what-it-does.ts` exporting `up` (and `down`), import it
 * here and add it under the same name. Kysely runs them in name order and records
 * each name in `kysely_migration`: never rename or edit one that has shipped, add a
 * new one instead. Write them with the schema builder and types both engines
 * understand (see ../schema.ts).
 */
import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-initial";
import * as m0002 from "./0002-audit-and-attendance";
import * as m0003 from "./0003-callouts";
import * as m0004 from "./0004-audit-history";
import * as m0005 from "./0005-attendance-ranges";
import * as m0006 from "./0006-conference-last-polled";
import * as m0007 from "./0007-revocable-sessions";
import * as m0008 from "./0008-callout-spend";
import * as m0009 from "./0009-directory";
import * as m0010 from "./0010-conference-invites";
import * as m0011 from "./0011-room-policies";
import * as m0013 from "./0013-api-tokens";
import * as m0014 from "./0014-fleet";

export const migrations: Readonly<Record<string, Migration>> = {
  "0001-initial": m0001,
  "0002-audit-and-attendance": m0002,
  "0003-callouts": m0003,
  "0004-audit-history": m0004,
  "0005-attendance-ranges": m0005,
  "0006-conference-last-polled": m0006,
  "0007-revocable-sessions": m0007,
  "0008-callout-spend": m0008,
  "0009-directory": m0009,
  "0010-conference-invites": m0010,
  "0011-room-policies": m0011,
  "0013-api-tokens": m0013,
  "0014-fleet": m0014,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};
