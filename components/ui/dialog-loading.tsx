/**
 * What a dialog loaded on demand (next/dynamic) shows for the moment its code is on
 * the way: the same dimmed backdrop and panel, with a spinner, so opening never looks
 * like nothing happened. Plain markup: it must not need the dialog code it waits for.
 */
import { Spinner } from "./spinner";

export function DialogLoading() {
  return (
    <div role="status" aria-live="polite" data-testid="dialog-loading">
      <div className="fixed inset-0 z-40 bg-slate-950/50 backdrop-blur-[1px]" />
      <div className="fixed left-1/2 top-1/2 z-50 flex w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 items-center gap-2 rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-600 shadow-xl dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
        <Spinner /> Loading…
      </div>
    </div>
  );
}
