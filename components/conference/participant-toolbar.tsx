"use client";
import { Keyboard } from "lucide-react";
import type { Ref } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { SearchField } from "@/components/ui/search-field";
import { Select } from "@/components/ui/select";
import {
  FILTER_LABELS,
  PARTICIPANT_FILTERS,
  PARTICIPANT_SORTS,
  SORT_LABELS,
  type ParticipantFilter,
  type ParticipantSort,
} from "@/lib/conferences/view";
import { cn } from "@/lib/ui/cn";

const SORT_OPTIONS = PARTICIPANT_SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));

/** Search (number, call ID, label), filter chips with counts, sort, and the shortcuts key. */
export function ParticipantToolbar({
  query,
  onQueryChange,
  filter,
  onFilterChange,
  counts,
  sort,
  onSortChange,
  onShowShortcuts,
  searchRef,
}: {
  query: string;
  onQueryChange: (q: string) => void;
  filter: ParticipantFilter;
  onFilterChange: (f: ParticipantFilter) => void;
  counts: Record<ParticipantFilter, number>;
  sort: ParticipantSort;
  onSortChange: (s: ParticipantSort) => void;
  onShowShortcuts: () => void;
  searchRef: Ref<HTMLInputElement>;
}) {
  return (
    // Narrow screens: search and sort on one line, the chips below. Wide: one line.
    <div className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-2 gap-y-2.5 lg:grid-cols-[18rem_minmax(0,1fr)_auto] lg:gap-x-3">
      <SearchField
        value={query}
        onChange={onQueryChange}
        label="Search participants"
        placeholder="Name, number or call ID"
        className="col-start-1 row-start-1"
        inputRef={searchRef}
        hint={<Kbd>/</Kbd>}
        blurOnEscape
      />

      <div
        role="radiogroup"
        aria-label="Show"
        className="col-span-2 row-start-2 flex flex-wrap items-center gap-1.5 lg:col-span-1 lg:col-start-2 lg:row-start-1"
      >
        {PARTICIPANT_FILTERS.map((f) => {
          const active = f === filter;
          return (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={active}
              onClick={() => onFilterChange(f)}
              onKeyDown={(e) => {
                const i = PARTICIPANT_FILTERS.indexOf(f);
                const step =
                  e.key === "ArrowRight" || e.key === "ArrowDown"
                    ? 1
                    : e.key === "ArrowLeft" || e.key === "ArrowUp"
                      ? -1
                      : 0;
                if (!step) return;
                e.preventDefault();
                const next = PARTICIPANT_FILTERS[(i + step + PARTICIPANT_FILTERS.length) % PARTICIPANT_FILTERS.length]!;
                onFilterChange(next);
                (
                  e.currentTarget.parentElement?.querySelector(`[data-filter="${next}"]`) as HTMLElement | null
                )?.focus();
              }}
              tabIndex={active ? 0 : -1}
              data-filter={f}
              className={cn(
                "inline-flex h-8 items-center gap-1.5 rounded-full border px-3 text-sm font-medium transition-colors",
                active
                  ? "border-brand-600 bg-brand-600 text-white dark:border-brand-500 dark:bg-brand-500"
                  : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800",
              )}
            >
              {FILTER_LABELS[f]}
              <span
                className={cn(
                  "rounded-full px-1.5 text-xs tabular-nums",
                  active ? "bg-white/20" : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
                )}
              >
                {counts[f]}
              </span>
            </button>
          );
        })}
      </div>

      <div className="col-start-2 row-start-1 flex items-center gap-2 lg:col-start-3">
        <label htmlFor="participant-sort" className="sr-only text-sm text-slate-600 sm:not-sr-only dark:text-slate-400">
          Sort
        </label>
        <Select
          id="participant-sort"
          value={sort}
          onValueChange={onSortChange}
          options={SORT_OPTIONS}
          className="w-32 sm:w-36"
        />
        {/* Shortcuts need a keyboard: not offered on phone-sized screens. */}
        <Button
          size="icon"
          variant="ghost"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={onShowShortcuts}
          className="hidden sm:inline-flex"
        >
          <Keyboard aria-hidden className="size-4" />
        </Button>
      </div>
    </div>
  );
}
