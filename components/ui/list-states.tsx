"use client";
import type { ReactNode } from "react";
import { ApiError } from "@/lib/api/errors";
import { cn } from "@/lib/ui/cn";
import { errorMessage, RequestId } from "./error-toast";
import { Spinner } from "./spinner";

/**
 * What a list fed by a query shows before and instead of its items: a spinner while
 * it loads, the error (with its request id, for support) when it failed with nothing
 * to show, a sentence when it is empty; otherwise the items. A list that has items and
 * then fails a refresh keeps showing them.
 */
export function ListStates({
  query,
  count,
  loading,
  failed,
  empty,
  className,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown };
  /** How many items there are to show. */
  count: number;
  /** "Loading the timeline…" */
  loading: string;
  /** "Could not load the timeline", followed by the error's sentence. */
  failed: string;
  empty: ReactNode;
  /** The padding that fits the list's frame. */
  className?: string;
  children: ReactNode;
}) {
  if (query.isPending) {
    return (
      <div className={cn("flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400", className)}>
        <Spinner /> {loading}
      </div>
    );
  }
  if (query.isError && count === 0) {
    const requestId = query.error instanceof ApiError ? query.error.requestId : undefined;
    return (
      <div role="alert" className={cn("text-sm text-red-700 dark:text-red-300", className)}>
        {failed}: {errorMessage(query.error)}
        {requestId ? <RequestId id={requestId} /> : null}
      </div>
    );
  }
  if (count === 0) return <p className={cn("text-sm text-slate-600 dark:text-slate-400", className)}>{empty}</p>;
  return children;
}
