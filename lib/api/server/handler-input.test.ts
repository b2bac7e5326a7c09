/**
 * What the route wrapper reads (issue 11): a body over the limit is refused with
 * 413 whether it says its length or streams it (chunked), without holding more than
 * the limit; a NUL anywhere in the path, the query or the body is refused with a
 * message that names the field; bodies that are not UTF-8 are refused. (Test code:
 * sets process.env before loading the wrapper.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { endpoint, json } from "../endpoint";
import { DRAIN_LIMIT_BYTES, API_BODY_LIMIT_BYTES } from "../limits";
import { admin, call, envelope, sessionCookie, TEST_ORIGIN, TEST_ROUTE_ENV } from "../../testing/route-requests";

let dataDir: string;
let handler: typeof import("./handler");
let closeDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "gavel-handler-input-"));
  Object.assign(process.env, { ...TEST_ROUTE_ENV, GAVEL_DATA_DIR: dataDir });
  (await import("../../config/env")).resetConfigForTests();
  handler = await import("./handler");
  closeDb = (await import("../../db")).closeDb;
});

afterAll(async () => {
  await closeDb?.();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  return () => vi.restoreAllMocks();
});

const note = endpoint({
  method: "POST",
  path: "/api/things/:thingId",
  permission: "conference:view",
  params: z.object({ thingId: z.string() }),
  query: z.object({ q: z.string().optional() }),
  body: z.object({ text: z.string(), tags: z.array(z.string()).optional() }),
  reply: json<{ length: number }>(),
});

function route() {
  return handler.apiRoute(note, async ({ body }) => ({ length: body.text.length }));
}

/** A POST whose body streams in chunks with no Content-Length, counting what the route pulled. */
async function streamed(total: number): Promise<{ res: Response; pulled: number }> {
  let pulled = 0;
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const req = new NextRequest(`${TEST_ORIGIN}/api/things/t1`, {
    method: "POST",
    headers: { "sec-fetch-site": "same-origin", cookie: await sessionCookie(admin) },
    body,
    duplex: "half",
  } as unknown as ConstructorParameters<typeof NextRequest>[1]);
  const res = await route()(req, { params: Promise.resolve({ thingId: "t1" }) });
  return { res, pulled };
}

describe("the body size limit", () => {
  it("refuses a declared Content-Length over the limit with 413, before reading", async () => {
    const res = await call(route(), {
      as: admin,
      headers: { "content-length": String(API_BODY_LIMIT_BYTES + 1) },
      body: JSON.stringify({ text: "short" }),
    });
    expect(res.status).toBe(413);
    expect((await envelope(res)).code).toBe("payload_too_large");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("counts a chunked body as it streams, and stops pulling once the limit and the drain limit are passed", async () => {
    const { res, pulled } = await streamed(50 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect((await envelope(res)).message).toMatch(/over 512 KiB/);
    // What was pulled is the limit, the dropped rest up to the drain limit and a chunk
    // or two of read-ahead, not 50 MB.
    expect(pulled).toBeLessThan(API_BODY_LIMIT_BYTES + DRAIN_LIMIT_BYTES + 4 * 64 * 1024);
  });

  it("reads and drops the rest of a body a little over the limit, so a client still sending gets its 413", async () => {
    const size = 2 * 1024 * 1024;
    const { res, pulled } = await streamed(size);
    expect(res.status).toBe(413);
    expect(pulled).toBe(size);
  });

  it("reads a body just under the limit", async () => {
    const text = "y".repeat(API_BODY_LIMIT_BYTES - 20);
    const res = await call(route(), { as: admin, body: JSON.stringify({ text }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ length: text.length });
  });
});

describe("NUL and text that is not UTF-8", () => {
  it.each([
    ["the body", { text: "a\u0000b" }, "text"],
    ["a nested body field", { text: "ok", tags: ["fine", "bad\u0000"] }, "tags.1"],
    ["a body key", JSON.parse('{"text":"ok","a\\u0000":1}') as object, "a\u0000"],
  ])("refuses a NUL in %s, naming the field", async (_, body, field) => {
    const res = await call(route(), { as: admin, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    const error = await envelope(res);
    expect(error.code).toBe("validation_failed");
    expect(error.message).toBe(`${field}: must not contain NUL characters`);
  });

  it("refuses a NUL in a path parameter and in the query", async () => {
    const inPath = await call(route(), { as: admin, params: { thingId: "t\u00001" }, body: '{"text":"ok"}' });
    expect((await envelope(inPath)).message).toBe("thingId: must not contain NUL characters");
    const inQuery = await call(route(), { as: admin, path: "/api/things/t1?q=a%00b", body: '{"text":"ok"}' });
    expect((await envelope(inQuery)).message).toBe("q: must not contain NUL characters");
  });

  it("refuses a body that is not UTF-8", async () => {
    const req = new NextRequest(`${TEST_ORIGIN}/api/things/t1`, {
      method: "POST",
      headers: { "sec-fetch-site": "same-origin", cookie: await sessionCookie(admin) },
      body: new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
    });
    const res = await route()(req, { params: Promise.resolve({ thingId: "t1" }) });
    expect(res.status).toBe(400);
    expect((await envelope(res)).message).toBe("The request body is not valid UTF-8.");
  });

  it("reads a body nested 100,000 deep without overflowing the stack", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const res = await call(route(), { as: admin, body: `{"text":"ok","tags":${deep}}` });
    expect(res.status).toBe(400);
    expect((await envelope(res)).code).toBe("validation_failed");
  });
});
