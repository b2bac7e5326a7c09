/**
 * The contract and the route files agree: every endpoint's path is a route file
 * under app/api that exports its method through apiRoute with that very endpoint,
 * and every apiRoute in app/api serves an endpoint of the contract. (The compiler
 * checks the reply types; this checks what it cannot see: the file system.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_CONTRACTS } from "./contracts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const contracts = API_CONTRACTS;

function routeFile(apiPath: string): string {
  const folder = apiPath.replace(/:([A-Za-z]+)/g, "[$1]");
  return path.join(ROOT, "app", folder, "route.ts");
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

const endpoints = Object.entries(contracts).flatMap(([api, eps]) =>
  Object.entries(eps).map(([name, ep]) => ({ ref: `${api}.${name}`, ep })),
);

describe("the API contract", () => {
  it.each(endpoints)("$ref is served by its route file, under its method", ({ ref, ep }) => {
    const file = routeFile(ep.path);
    expect(existsSync(file), `${ep.path}: no ${path.relative(ROOT, file)}`).toBe(true);
    const source = readFileSync(file, "utf8").replace(/\s+/g, " ");
    const served = new RegExp(
      "access" in ep
        ? `export const ${ep.method} = openRoute\\(${ref.replace(".", "\\.")}\\b`
        : `export const ${ep.method} = apiRoute\\((withServerBody\\()?${ref.replace(".", "\\.")}\\b`,
    );
    expect(source).toMatch(served);
  });

  it("has an endpoint for every apiRoute in app/api", () => {
    const refs = new Set(endpoints.map((e) => e.ref));
    for (const file of routeFiles(path.join(ROOT, "app/api"))) {
      const source = readFileSync(file, "utf8").replace(/\s+/g, " ");
      for (const m of source.matchAll(/= (?:apiRoute|openRoute)\((?:withServerBody\()?([A-Za-z]+\.[A-Za-z]+)/g)) {
        expect(refs, path.relative(ROOT, file)).toContain(m[1]);
      }
    }
  });

  it("names its path parameters as their schemas do", () => {
    for (const { ref, ep } of endpoints) {
      const inPath = [...ep.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
      const params = "params" in ep ? ep.params : undefined;
      const shape = params && "shape" in params ? Object.keys(params.shape as object).sort() : [];
      expect(inPath, ref).toEqual(shape);
    }
  });
});
