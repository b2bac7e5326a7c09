"use client";
import { Copy } from "lucide-react";
import { toast } from "sonner";
import { ApiError } from "@/lib/api/errors";
import { copyText } from "@/lib/ui/client/copy";

/** The request id of a failed call, small and copyable, so support can find it in the log. */
export function RequestId({ id }: { id: string }) {
  return (
    <span className="mt-1 flex items-center gap-1 text-[11px] text-slate-500 dark:text-slate-400">
      <span>Request</span>
      <span className="select-all font-mono" data-testid="request-id">
        {id}
      </span>
      <button
        type="button"
        aria-label="Copy request id"
        className="rounded p-0.5 hover:bg-slate-200 dark:hover:bg-slate-700"
        onClick={() => void copyText(id).then((ok) => ok && toast.success("Request id copied"))}
      >
        <Copy aria-hidden className="size-3" />
      </button>
    </span>
  );
}

/** The sentence a person should read for any error (ApiError messages already are). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}

/** An error toast: what failed, the server's sentence, and the request id when there is one. */
export function toastError(title: string, error: unknown): void {
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  toast.error(title, {
    description: (
      <span className="block">
        <span className="block">{errorMessage(error)}</span>
        {requestId ? <RequestId id={requestId} /> : null}
      </span>
    ),
    duration: 8000,
  });
}
