/**
 * Checks what the e2e server really answers against the OpenAPI document
 * (lib/openapi/document.ts): e2e/answers.ts hands every /api answer that a test's
 * browser or request context got to `apiConformance.see`, which finds the operation
 * by method and path, picks the response described for that status (else `default`)
 * and validates the body with that response's JSON Schema. e2e/fixtures.ts fails the
 * test with the path, status and validation error. Validators are compiled once per
 * worker, on first use of each operation and status. Counts are written to
 * test-results/api-conformance/ for the report.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { openApiDocument } from "../lib/openapi/document";

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, Json>;
}
export interface Answer {
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);
const doc = openApiDocument();
const components = doc.components as { schemas: Record<string, Json>; responses: Record<string, Json> };

function resolve(value: Json): Json {
  const ref = value.$ref;
  if (typeof ref !== "string") return value;
  const [, , kind, name] = ref.split("/");
  return (components as unknown as Record<string, Record<string, Json>>)[kind ?? ""]?.[name ?? ""] ?? value;
}

const operations: Operation[] = Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(
  ([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      template,
      pattern: new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, "[^/]+") + "$"),
      responses: op.responses as Record<string, Json>,
    })),
);

class ApiConformance {
  private readonly ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly inFlight = new Set<Promise<unknown>>();
  readonly problems: string[] = [];
  readonly counts = { validated: 0, noBody: 0, skipped: 0 };
  readonly byOperation: Record<string, number> = {};

  /** Keeps `p` (an answer being read) until it settles, for `settle`. */
  track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Waits for the answers seen so far to be checked (not for those a still-open page goes on getting). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let v = this.validators.get(key);
    if (!v) {
      v = this.ajv.compile(resolve(schema));
      this.validators.set(key, v);
    }
    return v;
  }

  private problem(a: Answer, why: string): void {
    this.problems.push(`${a.method} ${new URL(a.url).pathname} → ${a.status}: ${why}`);
  }

  see(a: Answer): void {
    const url = new URL(a.url);
    if (!url.pathname.startsWith("/api/") || !METHODS.has(a.method)) return;
    const media = a.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
    const onPath = operations.filter((o) => o.pattern.test(url.pathname));
    const op = onPath.find((o) => o.method === a.method);
    if (!op) {
      // No such route, or not with this method: the front door's 404 or 405, in the envelope.
      if (a.status !== 404 && a.status !== 405) return this.problem(a, "answered, but not in the OpenAPI document");
      return this.check(a, media, `no-route`, { "application/json": { schema: components.schemas.ErrorEnvelope } });
    }
    const described = op.responses[String(a.status)] ?? op.responses.default;
    if (!described) return this.problem(a, `status not described for ${op.method} ${op.template}`);
    const content = resolve(described).content as Record<string, Json> | undefined;
    this.check(a, media, `${op.method} ${op.template} ${a.status}`, content);
  }

  private check(a: Answer, media: string, key: string, content: Record<string, Json> | undefined): void {
    if (a.body === "" && (a.status === 304 || a.status === 204 || (a.status >= 300 && a.status < 400))) {
      this.counts.noBody++;
      return;
    }
    if (!content) {
      if (a.body === "") return void this.counts.noBody++;
      return this.problem(a, `a body (${media}) where the document describes none`);
    }
    const described = content[media];
    if (!described) {
      // Node's own refusals (431, a malformed request) carry no envelope: not Gavel's answer.
      if (a.status >= 400 && media !== "application/json") return void this.counts.skipped++;
      return this.problem(a, `${media || "no content type"}, the document says ${Object.keys(content).join(", ")}`);
    }
    if (media !== "application/json") {
      this.counts.validated++;
      this.byOperation[key] = (this.byOperation[key] ?? 0) + 1;
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(a.body);
    } catch {
      return this.problem(a, "the body is not JSON");
    }
    const validate = this.validator(`${key} ${media}`, described.schema as Json);
    if (!validate(body)) {
      const errors = (validate.errors ?? []).map(
        (e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`,
      );
      return this.problem(a, `does not match ${key}: ${errors.join("; ")}`);
    }
    this.counts.validated++;
    this.byOperation[key] = (this.byOperation[key] ?? 0) + 1;
  }

  /** Writes this worker's counts to test-results/api-conformance/<name>.json. */
  report(name: string): void {
    const dir = path.join("test-results", "api-conformance");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `${name}.json`),
      JSON.stringify({ ...this.counts, problems: this.problems.length, byOperation: this.byOperation }, null, 1),
    );
  }
}

/** The worker's one checker (Playwright workers are processes). */
export const apiConformance = new ApiConformance();
