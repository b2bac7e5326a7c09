/**
 * Keeps what the e2e server answered (URL, status, headers and, for pages, API calls
 * and downloads, the body) in DATA_DIR/answers/*.jsonl, for the secrets scan that
 * runs after every other spec (e2e/secrets.spec.ts). e2e/fixtures.ts records every
 * test's browser context and the apiAs request contexts; scripts and styles are
 * scanned where they are built instead (the bundle), so their bodies are not kept.
 * Each /api answer is also checked against the OpenAPI document (./api-conformance.ts).
 */
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse, BrowserContext, Response } from "@playwright/test";
import { apiConformance } from "./api-conformance";
import { BASE_URL, DATA_DIR } from "./helpers";

export const ANSWERS_DIR = path.join(DATA_DIR, "answers");

const BODY_TYPES = new Set(["document", "fetch", "xhr", "other"]);

/** The HTTP method of a request context call: its name, or `fetch`'s option (GET by default). */
function methodOf(prop: string, args: unknown[]): string {
  if (prop !== "fetch") return prop.toUpperCase();
  const first = args[0] as { method?: () => string } | string;
  if (typeof first === "object" && typeof first.method === "function") return first.method().toUpperCase();
  return ((args[1] as { method?: string } | undefined)?.method ?? "GET").toUpperCase();
}

export class AnswerRecorder {
  private lines: string[] = [];
  private pending: Promise<void>[] = [];

  /** Records every answer from Gavel's own origin to this browser context. */
  watch(context: BrowserContext): void {
    context.on("response", (res) => this.keep(this.fromBrowser(res)));
  }

  /** The same request context, recording each answer it gets. */
  wrap(ctx: APIRequestContext): APIRequestContext {
    const methods = new Set(["get", "post", "put", "patch", "delete", "head", "fetch"]);
    return new Proxy(ctx, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof prop !== "string" || !methods.has(prop) || typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          const res = (await (value as (...a: unknown[]) => Promise<APIResponse>).apply(target, args)) as APIResponse;
          this.keep(this.fromApi(res, methodOf(prop, args)));
          return res;
        };
      },
    });
  }

  private keep(p: Promise<void>): void {
    this.pending.push(p);
    apiConformance.track(p);
  }

  private async fromBrowser(res: Response): Promise<void> {
    if (!res.url().startsWith(BASE_URL)) return;
    const headers: Record<string, string> = await res.allHeaders().catch(() => ({}));
    const kind = res.request().resourceType();
    // null: the body could not be read (the page moved on or closed before it arrived).
    const read = BODY_TYPES.has(kind) ? await res.text().catch(() => null) : "";
    const body = read ?? "";
    this.lines.push(JSON.stringify({ url: res.url(), status: res.status(), headers, body }));
    if ((kind === "fetch" || kind === "xhr") && read !== null) {
      const contentType = headers["content-type"] ?? "";
      apiConformance.see({ method: res.request().method(), url: res.url(), status: res.status(), contentType, body });
    }
  }

  private async fromApi(res: APIResponse, method: string): Promise<void> {
    const read = await res.text().catch(() => null);
    const body = read ?? "";
    this.lines.push(JSON.stringify({ url: res.url(), status: res.status(), headers: res.headersArray(), body }));
    const contentType = res.headers()["content-type"] ?? "";
    if (read !== null) apiConformance.see({ method, url: res.url(), status: res.status(), contentType, body });
  }

  /** Writes what was recorded to DATA_DIR/answers/<name>.jsonl. */
  async flush(name: string): Promise<void> {
    await Promise.allSettled(this.pending);
    this.pending = [];
    if (this.lines.length === 0) return;
    mkdirSync(ANSWERS_DIR, { recursive: true });
    appendFileSync(
      path.join(ANSWERS_DIR, `${name.replace(/[^A-Za-z0-9_-]/g, "_")}.jsonl`),
      this.lines.join("\n") + "\n",
    );
    this.lines = [];
  }
}
