/**
 * Sign-in requests from a chosen loopback source address (127.0.0.x), for the
 * throttling specs: each test attacks from its own address, so the limits it trips
 * never reach the rest of the suite (whose browsers come from 127.0.0.1 or ::1).
 * Plain node:http, because a browser or Playwright's request context cannot pick the
 * address it connects from.
 */
import http from "node:http";

let PORT = Number(process.env.E2E_PORT ?? 3100);

/** Points the client at another Gavel on this machine (the sign-in flood bench). */
export function targetPort(port: number): void {
  PORT = port;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request to the e2e server from `from` (a 127.0.0.x address). */
export function request(
  from: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        method,
        path,
        localAddress: from,
        // A body says its length, as browsers' form posts do (Gavel refuses a chunked sign-in: 411).
        headers: {
          ...headers,
          host: `localhost:${PORT}`,
          ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A cookie jar of name → value, fed by Set-Cookie headers. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(headers: http.IncomingHttpHeaders): void {
    for (const line of headers["set-cookie"] ?? []) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** A credentials sign-in as next-auth's browser client sends it; the jar keeps what the server sets. */
export async function signInFrom(
  from: string,
  jar: Jar,
  email: string,
  password: string,
  extraHeaders: Record<string, string> = {},
): Promise<Answer> {
  const csrf = await request(from, "GET", "/api/auth/csrf", { cookie: jar.header() });
  jar.take(csrf.headers);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const res = await request(
    from,
    "POST",
    "/api/auth/callback/credentials",
    {
      "content-type": "application/x-www-form-urlencoded",
      origin: `http://localhost:${PORT}`,
      cookie: jar.header(),
      ...extraHeaders,
    },
    new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  );
  jar.take(res.headers);
  return res;
}

/** Whether the jar holds a session the server accepts. */
export async function hasSession(from: string, jar: Jar): Promise<boolean> {
  const res = await request(from, "GET", "/api/auth/session", { cookie: jar.header() });
  jar.take(res.headers);
  const session = JSON.parse(res.body || "null") as { user?: { email?: string }; disabled?: boolean } | null;
  return Boolean(session?.user?.email) && session?.disabled !== true;
}
