/**
 * The browser's fetch wrapper for Gavel's API: JSON in and out, the error envelope
 * turned into a typed ApiError whose message is the sentence a person should read,
 * and a session that expired mid-action sent to sign in and back.
 */
import { endpointUrl, type Download, type Endpoint, type QueryInput, type Sent } from "./endpoint";
import { ApiError, ERROR_STATUS, type ErrorCode, type ErrorEnvelope } from "./errors";
import { reportAnswer, ROLE_HEADER } from "../auth/role-signal";

export const REQUEST_ID_HEADER = "x-request-id";

function isEnvelope(v: unknown): v is ErrorEnvelope {
  return (
    typeof v === "object" &&
    v !== null &&
    "error" in v &&
    typeof (v as ErrorEnvelope).error?.message === "string" &&
    typeof (v as ErrorEnvelope).error?.code === "string"
  );
}

/** Where to send someone whose session ended: sign in, then come back here. */
export function signInUrl(returnTo: string): string {
  return `/login?callbackUrl=${encodeURIComponent(returnTo)}&expired=1`;
}

export interface ApiFetchOptions extends Omit<RequestInit, "body"> {
  body?: unknown;
  /** When false, a 401 is thrown to the caller instead of redirecting to sign in. */
  redirectOn401?: boolean;
  /** Sees the response before its body is read (its headers; a conditional GET's 304). */
  onResponse?: (res: Response) => void;
}

/** Whether this page has already been sent to sign in (a full navigation resets it). */
let sentToSignIn = false;

export async function apiFetch<T>(url: string, options: ApiFetchOptions = {}): Promise<T> {
  const { body, redirectOn401 = true, headers, onResponse, ...rest } = options;
  let res: Response;
  try {
    res = await fetch(url, {
      ...rest,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError("upstream_unavailable", "Gavel's server did not answer. Check your connection.");
  }
  const requestId = res.headers.get(REQUEST_ID_HEADER) ?? undefined;
  // An open page learns of a role change from any answer (see lib/auth/role-signal).
  reportAnswer(res.status, res.headers.get(ROLE_HEADER));
  onResponse?.(res);
  if (res.status === 204) return undefined as T;
  if (res.status === 304) {
    // The caller asked conditionally (If-None-Match) and keeps what it has. The empty
    // body is read all the same: a response left unread is counted as aborted.
    await res.arrayBuffer();
    return undefined as T;
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (res.ok) return data as T;

  if (res.status === 401 && redirectOn401 && typeof window !== "undefined" && !sentToSignIn) {
    // Once per page: a click and a poll that both meet the ended session would each
    // start the navigation again, and the second reload could swallow what the person
    // had begun typing on the sign-in page (seen in the session-expiry e2e test).
    sentToSignIn = true;
    window.location.assign(signInUrl(window.location.pathname + window.location.search));
  }
  if (isEnvelope(data)) {
    throw new ApiError(data.error.code, data.error.message, data.error.details, requestId);
  }
  const code = (Object.entries(ERROR_STATUS).find(([, s]) => s === res.status)?.[0] ?? "internal") as ErrorCode;
  throw new ApiError(code, `Gavel's server answered ${res.status} ${res.statusText}`.trim(), undefined, requestId);
}

type Schema = Endpoint["body"];

/** The inputs an endpoint takes: params when its path has some, a body when it needs one. */
export type CallInput<P extends Schema, Q extends Schema, B extends Schema> = (P extends undefined
  ? { params?: undefined }
  : { params: Sent<P> }) &
  (Q extends undefined ? { query?: undefined } : { query?: QueryInput<Q> }) &
  (B extends undefined ? { body?: undefined } : undefined extends Sent<B> ? { body?: Sent<B> } : { body: Sent<B> }) &
  Omit<ApiFetchOptions, "body" | "method">;

/**
 * Calls an endpoint of the contract: the URL, method and body come from it, and the
 * answer has the reply type the route's handler is held to.
 */
export function callApi<P extends Schema, Q extends Schema, B extends Schema, R>(
  // A download's endpoint is refused here: it is a link (endpointUrl), not a call.
  ep: Endpoint<P, Q, B, R> & (R extends Download ? { reply: never } : unknown),
  ...[input]: object extends CallInput<P, Q, B> ? [CallInput<P, Q, B>?] : [CallInput<P, Q, B>]
): Promise<R> {
  // The conditional type above is what callers are checked against; inside, its parts are read plainly.
  const { params, query, body, ...options } = (input ?? {}) as { params?: Sent<P>; query?: QueryInput<Q> } & Omit<
    ApiFetchOptions,
    "method"
  >;
  return apiFetch(endpointUrl(ep, { params, query }), { ...options, method: ep.method, body });
}
