/**
 * The console's API page (/docs/api): the OpenAPI document (lib/openapi/document.ts)
 * grouped by tag, one row per operation, schemas collapsed. Drawn on the server with
 * the console's own components: no API-explorer bundle, no script of its own.
 */
import Link from "next/link";
import type { OpenApiDocument } from "@/lib/openapi/document";
import { Operation, SchemaBlock } from "./operation";

type Json = Record<string, unknown>;

const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-100";

export function ApiDocs({ doc }: { doc: OpenApiDocument }) {
  const components = doc.components as { schemas: Json; responses: Record<string, Json> };
  const tags = doc.tags as { name: string; description: string }[];
  const paths = Object.entries(doc.paths as Record<string, Record<string, Json>>);
  const byTag = tags.map((tag) => ({
    tag,
    ops: paths.flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => (op.tags as string[] | undefined)?.includes(tag.name))
        .map(([method, op]) => ({ path, method, op })),
    ),
  }));
  const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <div className="space-y-6" data-testid="api-docs">
      <div className="space-y-2">
        <h1 className="text-xl font-semibold tracking-tight">HTTP API</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          Every route of this console, from the same schemas the server checks requests with. The machine-readable
          document is{" "}
          <a href="/api/openapi.json" className={linkClass} data-testid="openapi-json-link">
            /api/openapi.json
          </a>{" "}
          (OpenAPI {doc.openapi}, JSON Schema draft 2020-12). Scripts sign in with an API token:{" "}
          <code className="font-mono text-xs">Authorization: Bearer gvl_…</code> (make one on{" "}
          <Link href="/tokens" className={linkClass}>
            API tokens
          </Link>
          ); it acts with your role. Failures answer one envelope,{" "}
          <code className="font-mono text-xs">{'{"error": {"code", "message", "details"?}}'}</code>, and every answer
          carries <code className="font-mono text-xs">x-request-id</code>.
        </p>
        <SchemaBlock label="The error envelope" schema={components.schemas.ErrorEnvelope} />
      </div>
      <nav aria-label="API sections" className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {byTag.map(({ tag, ops }) => (
          <a key={tag.name} href={`#${slug(tag.name)}`} className={linkClass}>
            {tag.name} <span className="text-slate-500 dark:text-slate-400">({ops.length})</span>
          </a>
        ))}
      </nav>
      {byTag.map(({ tag, ops }) => (
        <section
          key={tag.name}
          id={slug(tag.name)}
          aria-labelledby={`${slug(tag.name)}-heading`}
          className="scroll-mt-4 rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
            <h2 id={`${slug(tag.name)}-heading`} className="font-semibold">
              {tag.name}
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">{tag.description}</p>
          </div>
          <ul>
            {ops.map(({ path, method, op }) => (
              <Operation
                key={`${method} ${path}`}
                method={method}
                path={path}
                op={op}
                responses={components.responses}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
