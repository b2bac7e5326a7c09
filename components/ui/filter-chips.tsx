"use client";
/**
 * A row of filter chips that behaves as one radio group: one chip checked, one tab
 * stop, arrow keys move the choice and the focus (wrapping). Each chip may carry a
 * count and a hint. Used by the home's conference filters and the participant list's.
 */
import type { KeyboardEvent } from "react";
import { cn } from "@/lib/ui/cn";

const CHIP = "inline-flex h-8 items-center gap-1.5 rounded-full border px-3 text-sm font-medium transition-colors";
const CHECKED = "border-brand-600 bg-brand-600 text-white dark:border-brand-500 dark:bg-brand-500";
const UNCHECKED =
  "border-slate-300 bg-white text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800";

/** The chip `step` places after `current` among `options`, wrapping; `current` for a key that is no arrow. */
export function chipAfterKey<T>(options: readonly T[], current: T, key: string): T {
  const step = key === "ArrowRight" || key === "ArrowDown" ? 1 : key === "ArrowLeft" || key === "ArrowUp" ? -1 : 0;
  if (!step) return current;
  const i = options.indexOf(current);
  return options[(i + step + options.length) % options.length]!;
}

export function FilterChips<T extends string>({
  label,
  options,
  value,
  onChange,
  labels,
  hints,
  counts,
  className,
}: {
  /** The group's accessible name. */
  label: string;
  options: readonly T[];
  value: T;
  onChange: (v: T) => void;
  labels: Record<T, string>;
  hints?: Record<T, string>;
  counts?: Record<T, number>;
  className?: string;
}) {
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, f: T) => {
    const next = chipAfterKey(options, f, e.key);
    if (next === f) return;
    e.preventDefault();
    onChange(next);
    (e.currentTarget.parentElement?.querySelector(`[data-filter="${next}"]`) as HTMLElement | null)?.focus();
  };
  return (
    <div role="radiogroup" aria-label={label} className={cn("flex flex-wrap items-center gap-1.5", className)}>
      {options.map((f) => {
        const active = f === value;
        return (
          <button
            key={f}
            type="button"
            role="radio"
            aria-checked={active}
            title={hints?.[f]}
            tabIndex={active ? 0 : -1}
            data-filter={f}
            onClick={() => onChange(f)}
            onKeyDown={(e) => onKeyDown(e, f)}
            className={cn(CHIP, active ? CHECKED : UNCHECKED)}
          >
            {labels[f]}
            {counts ? (
              <span
                className={cn(
                  "rounded-full px-1.5 text-xs tabular-nums",
                  active ? "bg-white/20" : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
                )}
              >
                {counts[f]}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
