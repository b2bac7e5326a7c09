/**
 * NUL is never part of Gavel's input: PostgreSQL refuses it in text, SQLite keeps
 * it, and Sinch was sent ids carrying it (issue 11). The route wrapper refuses any
 * path parameter, query value or body string (or key) that holds one, naming the
 * field, before a schema, the database or Sinch sees it. Client-safe.
 */

/** Where the first NUL is ("body.lines.3.label"), or undefined. Iterative: a deeply nested body cannot overflow the stack. */
export function findNul(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) return path;
    } else if (typeof v === "object" && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        const at = `${path}.${k}`;
        if (k.includes("\u0000")) return at;
        stack.push([child, at]);
      }
    }
  }
  return undefined;
}

export const NUL_MESSAGE = "must not contain NUL characters";
