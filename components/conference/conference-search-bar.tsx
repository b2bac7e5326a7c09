"use client";
/** The home's search field and filter chips (All, Live, Ended, Pinned, Mine), as the URL holds them. */
import { SearchField } from "@/components/ui/search-field";
import { FILTER_HINTS, FILTER_LABELS } from "@/lib/conferences/home-search";
import { CONFERENCE_FILTERS, CONFERENCE_SEARCH_MAX, type ConferenceFilter } from "@/lib/conferences/types";
import { cn } from "@/lib/ui/cn";

export function ConferenceSearchBar({
  text,
  onTextChange,
  show,
  onShowChange,
}: {
  text: string;
  onTextChange: (q: string) => void;
  show: ConferenceFilter;
  onShowChange: (f: ConferenceFilter) => void;
}) {
  return (
    <div className="flex flex-col gap-2.5 md:flex-row md:items-center md:gap-3">
      <SearchField
        value={text}
        onChange={onTextChange}
        label="Search conferences"
        placeholder="ID, name, or who is in it"
        maxLength={CONFERENCE_SEARCH_MAX}
        className="md:w-80"
      />
      <div role="radiogroup" aria-label="Show conferences" className="flex flex-wrap items-center gap-1.5">
        {CONFERENCE_FILTERS.map((f) => {
          const active = f === show;
          return (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={active}
              title={FILTER_HINTS[f]}
              tabIndex={active ? 0 : -1}
              data-filter={f}
              onClick={() => onShowChange(f)}
              onKeyDown={(e) => {
                const step =
                  e.key === "ArrowRight" || e.key === "ArrowDown"
                    ? 1
                    : e.key === "ArrowLeft" || e.key === "ArrowUp"
                      ? -1
                      : 0;
                if (!step) return;
                e.preventDefault();
                const i = CONFERENCE_FILTERS.indexOf(f);
                const next = CONFERENCE_FILTERS[(i + step + CONFERENCE_FILTERS.length) % CONFERENCE_FILTERS.length]!;
                onShowChange(next);
                (
                  e.currentTarget.parentElement?.querySelector(`[data-filter="${next}"]`) as HTMLElement | null
                )?.focus();
              }}
              className={cn(
                "inline-flex h-8 items-center rounded-full border px-3 text-sm font-medium transition-colors",
                active
                  ? "border-brand-600 bg-brand-600 text-white dark:border-brand-500 dark:bg-brand-500"
                  : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800",
              )}
            >
              {FILTER_LABELS[f]}
            </button>
          );
        })}
      </div>
    </div>
  );
}
