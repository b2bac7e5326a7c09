/**
 * What each page's first-load JavaScript may not carry (issue 12, item 8): zod (the
 * server validates; the browser needs types and small guards), and any entry of
 * libphonenumber-js but its "min" one, which lib/conferences/format.ts formats the
 * numbers shown with (the validation the callout forms use loads with them, on demand;
 * the "max" and "mobile" metadata never).
 *
 * Walks the import graph as the bundler sees it: from each page and its layouts,
 * through server modules to the "use client" modules they render, then through every
 * static import of those (type-only imports are erased; `import()` and next/dynamic
 * start a chunk of their own and are not followed). A static path from a page to a
 * forbidden package fails here, with the path, before anyone measures a bundle.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FORBIDDEN = [/^zod(\/|$)/, /^libphonenumber-js(?!\/min$)(\/|$)/];

interface Mod {
  client: boolean;
  /** Static, value imports: project files (absolute paths) and packages (bare names). */
  files: string[];
  packages: string[];
}
const cache = new Map<string, Mod>();

function resolveFile(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(c) && !c.endsWith("/") && /\.(ts|tsx)$/.test(c)) return c;
  }
  return null;
}

function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const c = node.exportClause;
    return !!c && ts.isNamedExports(c) && c.elements.length > 0 && c.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false; // `import "x"`: a side effect
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return (
    !clause.name &&
    !!named &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((e) => e.isTypeOnly)
  );
}

function read(file: string): Mod {
  const known = cache.get(file);
  if (known) return known;
  const text = readFileSync(file, "utf8");
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const mod: Mod = { client: /^\s*(\/\/[^\n]*\n\s*)*["']use client["']/.test(text), files: [], packages: [] };
  for (const st of src.statements) {
    if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier) continue;
    if (typeOnly(st)) continue;
    const spec = (st.moduleSpecifier as ts.StringLiteral).text;
    if (spec.startsWith(".") || spec.startsWith("@/")) {
      const f = resolveFile(file, spec);
      if (f) mod.files.push(f);
    } else mod.packages.push(spec);
  }
  cache.set(file, mod);
  return mod;
}

/** Every forbidden package a page's browser code reaches, with the import path that reaches it. */
function forbiddenOn(entries: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const seen = new Set<string>();
  const walk = (file: string, trail: string[], inClient: boolean) => {
    const mod = read(file);
    const client = inClient || mod.client;
    const key = `${client ? "c" : "s"}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const here = [...trail, path.relative(ROOT, file)];
    if (client) {
      for (const p of mod.packages) {
        if (FORBIDDEN.some((re) => re.test(p)) && !found.has(p)) found.set(p, [...here, p]);
      }
    }
    for (const f of mod.files) walk(f, here, client);
  };
  for (const e of entries) walk(e, [], false);
  return found;
}

/** A page's file and the layouts above it. */
function pageEntries(pageFile: string): string[] {
  const entries = [pageFile];
  for (let dir = path.dirname(pageFile); dir.startsWith(path.join(ROOT, "app")); dir = path.dirname(dir)) {
    for (const name of ["layout.tsx", "template.tsx"]) {
      if (existsSync(path.join(dir, name))) entries.push(path.join(dir, name));
    }
  }
  return entries;
}

function pages(dir = path.join(ROOT, "app")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? d.name === "api"
        ? []
        : pages(path.join(dir, d.name))
      : d.name === "page.tsx"
        ? [path.join(dir, d.name)]
        : [],
  );
}

/**
 * Pages that still load these at first paint, and why. Each is a page whose main
 * content is what needs them; the goal (≤ 200 kB) is the conference page's.
 */
const KNOWN: Record<string, string[]> = {
  // The callout forms are the page: they validate with the same zod schemas as the server.
  "app/(console)/callouts/page.tsx": ["zod", "libphonenumber-js"],
  // The audit filters parse the address with the server's schema.
  "app/(console)/audit/page.tsx": ["zod"],
  // The user form validates with the server's schema.
  "app/(console)/users/page.tsx": ["zod"],
};

describe("first-load JavaScript", () => {
  const all = pages().map((p) => path.relative(ROOT, p));

  it("finds the pages, the console's included", () => {
    expect(all).toContain("app/(console)/conferences/[conferenceId]/page.tsx");
    expect(all).toContain("app/(console)/page.tsx");
    expect(all).toContain("app/(auth)/login/page.tsx");
  });

  it.each(all)("%s carries no zod, and no libphonenumber-js but its min entry, unless known", (page) => {
    const found = forbiddenOn(pageEntries(path.join(ROOT, page)));
    const expected = KNOWN[page] ?? [];
    const unexpected = [...found].filter(([p]) => !expected.includes(p)).map(([, trail]) => trail.join(" → "));
    expect(unexpected, "imported statically by browser code (load it with next/dynamic, or split the module)").toEqual(
      [],
    );
    // A page that no longer carries a known package is taken off the list.
    expect([...found.keys()].sort()).toEqual([...expected].sort());
  });
});
