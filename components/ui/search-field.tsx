"use client";
/**
 * A search box with a magnifier, a clear button while it holds text, and Escape to
 * clear it: the home's conference search and the console's participant search.
 */
import { Search, X } from "lucide-react";
import type { ReactNode, Ref } from "react";
import { cn } from "@/lib/ui/cn";

export function SearchField({
  value,
  onChange,
  label,
  placeholder,
  className,
  inputRef,
  maxLength,
  hint,
  blurOnEscape = false,
}: {
  value: string;
  onChange: (text: string) => void;
  /** The input's accessible name. */
  label: string;
  placeholder: string;
  /** The wrapper's layout classes (it is always `relative`). */
  className?: string;
  inputRef?: Ref<HTMLInputElement>;
  maxLength?: number;
  /** Shown at the right end while empty, from `sm` up (a shortcut key). */
  hint?: ReactNode;
  /** Escape in the empty box leaves it. */
  blurOnEscape?: boolean;
}) {
  return (
    <div className={cn("relative", className)}>
      <Search
        aria-hidden
        className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-400"
      />
      <input
        ref={inputRef}
        type="search"
        aria-label={label}
        placeholder={placeholder}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Escape") return;
          if (value) onChange("");
          else if (blurOnEscape) e.currentTarget.blur();
        }}
        className={cn(
          "h-9 w-full rounded-md border border-slate-300 bg-white pl-8 text-sm text-slate-900 placeholder:text-slate-400 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 [&::-webkit-search-cancel-button]:hidden",
          // Room for the clear button, or for the hint (not shown on phones).
          value ? "pr-8" : hint ? "pr-2 sm:pr-9" : "pr-2",
        )}
      />
      {hint ? (
        <span className="pointer-events-none absolute right-2 top-1/2 hidden -translate-y-1/2 sm:block">
          {value ? null : hint}
        </span>
      ) : null}
      {value ? (
        <button
          type="button"
          aria-label="Clear search"
          onClick={() => onChange("")}
          className="absolute right-1.5 top-1/2 inline-flex size-6 -translate-y-1/2 items-center justify-center rounded text-slate-400 hover:bg-slate-100 hover:text-slate-700 dark:hover:bg-slate-800"
        >
          <X aria-hidden className="size-3.5" />
        </button>
      ) : null}
    </div>
  );
}
