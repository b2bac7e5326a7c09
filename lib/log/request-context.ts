/**
 * The request being served, for code that runs outside the route wrapper's reach:
 * next-auth's callbacks (sign-in audit entries) read it here, so the id in the
 * response header, the log line and the audit row agree. It lives with logging, at
 * the bottom, because the route wrappers (lib/api) set it and features read it:
 * a feature never has to import the HTTP layer to learn which request it serves.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  clientAddress: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function withRequestContext<T>(context: RequestContext, run: () => T): T {
  return storage.run(context, run);
}

/** The current request's context, or undefined outside one. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
