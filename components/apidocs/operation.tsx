/**
 * One operation of the OpenAPI document as the API page draws it: method and path,
 * summary, who may call it, and its parameters, body and answers collapsed (<details>,
 * no script). A server component.
 */
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/ui/cn";

type Json = Record<string, unknown>;

const METHOD_TONE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
  post: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  patch: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
  delete: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={cn(
        "inline-block w-16 shrink-0 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold uppercase",
        METHOD_TONE[method] ?? METHOD_TONE.get,
      )}
    >
      {method}
    </span>
  );
}

export function SchemaBlock({ label, schema }: { label: string; schema: unknown }) {
  return (
    <details className="group mt-1">
      <summary className="cursor-pointer text-sm text-slate-700 select-none hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
        {label}
      </summary>
      <pre className="mt-1 max-h-96 overflow-auto rounded-md bg-slate-50 p-2 text-xs leading-relaxed text-slate-800 dark:bg-slate-950 dark:text-slate-200">
        {JSON.stringify(schema, null, 2)}
      </pre>
    </details>
  );
}

function schemaOf(content: unknown): [string, unknown][] {
  return Object.entries((content ?? {}) as Record<string, Json>).map(([media, c]) => [media, c.schema]);
}

function refName(value: Json): string | null {
  return typeof value.$ref === "string" ? (value.$ref.split("/").pop() ?? null) : null;
}

export function Operation({
  method,
  path,
  op,
  responses,
}: {
  method: string;
  path: string;
  op: Json;
  /** The document's shared responses, for the ones an operation names by $ref. */
  responses: Record<string, Json>;
}) {
  const roles = (op["x-gavel-roles"] as string[] | undefined) ?? [];
  const access = op["x-gavel-access"] as string | undefined;
  const servedBy = op["x-gavel-served-by"] as string | undefined;
  const params = (op.parameters as Json[] | undefined) ?? [];
  const body = op.requestBody as Json | undefined;
  const answers = Object.entries((op.responses ?? {}) as Record<string, Json>);
  const id = String(op.operationId ?? `${method} ${path}`);
  return (
    <li
      className="border-t border-slate-200 px-4 py-3 first:border-t-0 dark:border-slate-800"
      data-testid="api-operation"
      id={id}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <MethodBadge method={method} />
        <code className="min-w-0 font-mono text-sm break-all text-slate-900 dark:text-slate-100">{path}</code>
        <span className="text-sm text-slate-600 dark:text-slate-400">{String(op.summary ?? "")}</span>
      </div>
      <div className="mt-1.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
        {op["x-gavel-permission"] ? (
          <>
            <code className="font-mono">{String(op["x-gavel-permission"])}</code>
            {roles.map((r) => (
              <Badge key={r} tone="info">
                {r}
              </Badge>
            ))}
            <span>· {String(op["x-gavel-rate-limit"])} rate limit · session cookie or API token</span>
          </>
        ) : access ? (
          <Badge tone={access === "anyone" ? "success" : "muted"}>
            {access === "anyone" ? "open: no session" : "metrics token"}
          </Badge>
        ) : servedBy ? (
          <Badge>served by {servedBy}</Badge>
        ) : null}
      </div>
      {params.length > 0 ? (
        <SchemaBlock
          label={`Parameters: ${params.map((p) => `${String(p.name)} (${String(p.in)}${p.required ? "" : ", optional"})`).join(", ")}`}
          schema={params}
        />
      ) : null}
      {body
        ? schemaOf(body.content).map(([media, schema]) => (
            <SchemaBlock
              key={media}
              label={`Request body: ${media}${body.required ? "" : " (optional)"}`}
              schema={schema}
            />
          ))
        : null}
      <details className="mt-1">
        <summary className="cursor-pointer text-sm text-slate-700 select-none hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">
          Responses: {answers.map(([status]) => status).join(", ")}
        </summary>
        <ul className="mt-1 space-y-1 border-l-2 border-slate-200 pl-3 dark:border-slate-700">
          {answers.map(([status, res]) => {
            const shared = refName(res);
            const resolved = shared ? (responses[shared] ?? res) : res;
            const content = schemaOf(resolved.content);
            return (
              <li key={status} className="text-sm">
                <span className="font-mono font-semibold">{status}</span>{" "}
                <span className="text-slate-600 dark:text-slate-400">{String(resolved.description ?? "")}</span>
                {shared
                  ? null
                  : content.map(([media, schema]) => <SchemaBlock key={media} label={media} schema={schema} />)}
              </li>
            );
          })}
        </ul>
      </details>
    </li>
  );
}
