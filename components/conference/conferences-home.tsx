"use client";
import { useEffect, useRef, useState } from "react";
import { homeSearchQuery } from "@/lib/conferences/home-search";
import type { ConferenceFilter, ConferenceListSearch } from "@/lib/conferences/types";
import { ConferenceList } from "./conference-list";
import { ConferenceSearchBar } from "./conference-search-bar";
import { OpenConferenceForm } from "./open-conference-form";

/** How long typing rests before the list is asked for (and the URL written). */
const SEARCH_DEBOUNCE_MS = 250;

/** The URL keeps the search (`?q=…&show=…`), so a reload or a shared link shows the same list. */
function writeUrl(search: ConferenceListSearch) {
  const q = homeSearchQuery(search);
  const url = `${window.location.pathname}${q ? `?${q}` : ""}`;
  if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
}

/**
 * The console's home: open a conference by id, and the conferences Gavel knows,
 * searched and filtered (the search as the page's URL gave it, `initial`).
 */
export function ConferencesHome({
  pollIntervalMs,
  initial,
}: {
  pollIntervalMs: number;
  initial: ConferenceListSearch;
}) {
  const [text, setText] = useState(initial.q);
  const [search, setSearch] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const apply = (next: ConferenceListSearch) => {
    clearTimeout(timer.current);
    setSearch(next);
    writeUrl(next);
  };
  const onTextChange = (q: string) => {
    setText(q);
    clearTimeout(timer.current);
    // Clearing is at once; typing waits for a pause.
    if (q === "") apply({ ...search, q });
    else timer.current = setTimeout(() => apply({ ...search, q }), SEARCH_DEBOUNCE_MS);
  };
  const onShowChange = (show: ConferenceFilter) => apply({ q: text, show });

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 md:flex-row md:items-end md:justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Conferences</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Live rooms on Sinch that Gavel has seen. Pin the ones you moderate often.
          </p>
        </div>
        <div className="w-full md:max-w-md">
          <OpenConferenceForm />
        </div>
      </div>
      <ConferenceSearchBar text={text} onTextChange={onTextChange} show={search.show} onShowChange={onShowChange} />
      <ConferenceList
        pollIntervalMs={pollIntervalMs}
        search={search}
        onClear={() => {
          setText("");
          apply({ q: "", show: "all" });
        }}
      />
    </div>
  );
}
