"use client";
import { Keyboard } from "lucide-react";
import type { Ref } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { FilterChips } from "@/components/ui/filter-chips";
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

      <FilterChips
        label="Show"
        options={PARTICIPANT_FILTERS}
        value={filter}
        onChange={onFilterChange}
        labels={FILTER_LABELS}
        counts={counts}
        className="col-span-2 row-start-2 lg:col-span-1 lg:col-start-2 lg:row-start-1"
      />

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
