/**
 * The OpenAPI document is whole and valid: every route file under app/api is in it
 * with each method it exports (a route added without a contract fails here), it
 * validates as OpenAPI 3.1 (the official schema, through @seriousme/openapi-schema-validator),
 * every schema in it compiles as JSON Schema draft 2020-12, and every JSON answer has one.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { API_CONTRACTS } from "../api/contracts";
import { buildOpenApiDocument } from "./document";
import { EXCLUDED_ROUTES } from "./shared";

const ROOT = path.resolve(import.meta.dirname, "../..");
const doc = buildOpenApiDocument();
const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** The HTTP methods a route file exports: `export const GET =` or `export { x as GET }`. */
export function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async function|function)\s+([A-Z]+)\b/g)) found.add(m[1] ?? "");
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of (m[1] ?? "").split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop() ?? "",
      );
  return METHODS.filter((x) => found.has(x));
}

/** The document's path for a route folder; a catch-all `[...x]` is a prefix. */
function documentPaths(file: string): string[] {
  const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  const catchAll = rel.findIndex((s) => s.startsWith("[..."));
  const fixed = (catchAll === -1 ? rel : rel.slice(0, catchAll)).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"));
  const base = "/" + fixed.join("/");
  return catchAll === -1 ? (paths[base] ? [base] : []) : Object.keys(paths).filter((p) => p.startsWith(base + "/"));
}

describe("the OpenAPI document", () => {
  const files = routeFiles(path.join(ROOT, "app/api"));

  it.each(files.map((f) => [path.relative(ROOT, f), f]))("describes %s with each method it exports", (rel, file) => {
    const methods = exportedMethods(readFileSync(file, "utf8"));
    expect(methods.length, `${rel} exports no HTTP method`).toBeGreaterThan(0);
    const excluded = EXCLUDED_ROUTES.find((e) => e.route === rel);
    if (excluded) {
      expect(excluded.reason).toMatch(/\S/);
      expect([...excluded.methods].sort()).toEqual([...methods].sort());
      return;
    }
    const candidates = documentPaths(file);
    expect(candidates, `${rel}: no path in the document`).not.toEqual([]);
    for (const method of methods) {
      const described = candidates.some((p) => paths[p]?.[method.toLowerCase()] !== undefined);
      expect(described, `${rel}: ${method} is not in the document`).toBe(true);
    }
  });

  it("gives every endpoint of the contracts a summary", () => {
    const missing = Object.entries(API_CONTRACTS).flatMap(([api, eps]) =>
      Object.entries(eps)
        .filter(([, ep]) => !ep.summary?.trim())
        .map(([name]) => `${api}.${name}`),
    );
    expect(missing, "endpoints with no summary").toEqual([]);
  });

  it("has no operation without a route file", () => {
    const described = new Set(files.flatMap((f) => documentPaths(f)));
    for (const p of Object.keys(paths)) expect(described, p).toContain(p);
  });

  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("holds only schemas that compile as JSON Schema draft 2020-12, and one for every JSON answer", () => {
    const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: false });
    ajv.addSchema({ $id: "doc", components: doc.components }, "doc");
    let compiled = 0;
    for (const [p, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const responses = op.responses as Record<string, { content?: Record<string, { schema?: object }> }>;
        for (const [status, res] of Object.entries(responses)) {
          const schema = res.content?.["application/json"]?.schema;
          if (!res.content || !("application/json" in res.content)) continue;
          expect(schema && Object.keys(schema).length > 0, `${method} ${p} ${status}: no schema`).toBe(true);
          if ("$ref" in (schema as object)) continue;
          ajv.compile(schema as object);
          compiled++;
        }
      }
    }
    expect(compiled).toBeGreaterThan(40);
  });
});
