"use client";
/** The home's search field and filter chips (All, Live, Ended, Pinned, Mine), as the URL holds them. */
import { FilterChips } from "@/components/ui/filter-chips";
import { SearchField } from "@/components/ui/search-field";
import { FILTER_HINTS, FILTER_LABELS } from "@/lib/conferences/home-search";
import { CONFERENCE_FILTERS, CONFERENCE_SEARCH_MAX, type ConferenceFilter } from "@/lib/conferences/types";

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
      <FilterChips
        label="Show conferences"
        options={CONFERENCE_FILTERS}
        value={show}
        onChange={onShowChange}
        labels={FILTER_LABELS}
        hints={FILTER_HINTS}
      />
    </div>
  );
}
