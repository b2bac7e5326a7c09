/**
 * A reply schema must be exactly its reply type (lib/api/endpoint.ts `withSchemas`): a
 * field missing, extra or wider in the schema is a compile error. The `@ts-expect-error`
 * lines are the test (`npm run typecheck` fails if one of them compiles); the runtime
 * part checks that the schema lands on the endpoint for the OpenAPI document.
 */
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { json, route, withSchemas } from "./endpoint";

interface Reply {
  id: string;
  name?: string | null;
  tags: readonly ("a" | "b")[];
}
const ep = route<Reply>({ method: "GET", path: "/api/x", permission: "conference:view", reply: json() });
const exact = z.object({ id: z.string(), name: z.string().nullable().optional(), tags: z.array(z.enum(["a", "b"])) });

describe("a reply schema", () => {
  it("is accepted when its output is the reply type, and kept on the endpoint", () => {
    expect(withSchemas(ep, { reply: exact }).reply.schema).toBe(exact);
  });

  it("is refused when it differs from the reply type", () => {
    // @ts-expect-error a field missing (even an optional one)
    withSchemas(ep, { reply: exact.omit({ name: true }) });
    // @ts-expect-error a field wider than the type
    withSchemas(ep, { reply: exact.extend({ tags: z.array(z.string()) }) });
    // @ts-expect-error a field the type does not have
    withSchemas(ep, { reply: exact.extend({ extra: z.number() }) });
    // @ts-expect-error no reply schema for a JSON reply
    withSchemas(ep, {});
    expect(true).toBe(true);
  });
});
