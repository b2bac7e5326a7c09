"use client";
import { bulkFailed } from "@/lib/conferences/client/outcomes";
import { useCallback, useState } from "react";
import { toastError } from "@/components/ui/error-toast";
import { useBulk, type BulkVars } from "@/lib/conferences/client/commands";
import type { BulkAction, BulkResponse, LiveParticipant } from "@/lib/conferences/types";
import {
  EMPTY_SELECTION,
  isSelected,
  selectedCount,
  selectionTarget,
  toggleSelected,
  type Selection,
} from "@/lib/conferences/view";

export interface SelectAll {
  label: string;
  count: number;
  checked: boolean | "indeterminate";
  onChange: () => void;
}

export interface BulkSelection {
  selection: Selection;
  /** How many of the people in the room are selected. */
  count: number;
  /** The column header's checkbox. */
  selectAll: SelectAll;
  toggle(callId: string): void;
  clear(): void;
  /** Sends one bulk request for the selected rows. */
  run(action: BulkAction, extra?: Partial<BulkVars>): void;
  /** The last bulk request's answer, for the summary, until dismissed. */
  result: BulkResponse | null;
  dismissResult(): void;
  retryFailed(): void;
  retrying: boolean;
}

/**
 * Rows chosen for a bulk action, and the bulk requests made for them. `participants`
 * is everyone in the room (as intended), `rows` what the search and filter show.
 */
export function useBulkSelection(
  conferenceId: string,
  participants: readonly LiveParticipant[],
  rows: readonly LiveParticipant[],
  filtersActive: boolean,
): BulkSelection {
  const bulk = useBulk(conferenceId);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [last, setLast] = useState<{ vars: BulkVars; response: BulkResponse } | null>(null);

  // Stable, so memoised rows that receive them stay memoised.
  const toggle = useCallback((callId: string) => setSelection((s) => toggleSelected(s, callId)), []);
  const clear = useCallback(() => setSelection(EMPTY_SELECTION), []);

  const count = selectedCount(selection, participants);
  const allShownSelected = rows.length > 0 && rows.every((r) => isSelected(selection, r.callId));
  const selectAll: SelectAll = {
    label: filtersActive ? "Select all shown" : "Select all",
    count: filtersActive ? rows.length : participants.length,
    checked:
      count === 0 ? false : (filtersActive ? allShownSelected : count === participants.length) ? true : "indeterminate",
    onChange: () => {
      if (count > 0) setSelection(EMPTY_SELECTION);
      // With a search or filter on, "all" means the rows on screen; otherwise everyone
      // in the room when the action is sent (unticking rows then makes exceptions).
      else if (filtersActive) setSelection({ mode: "ids", ids: new Set(rows.map((r) => r.callId)) });
      else setSelection({ mode: "all", except: new Set() });
    },
  };

  function send(vars: BulkVars) {
    bulk.mutateAsync(vars).then(
      (response) => {
        setLast({ vars, response });
        setSelection(EMPTY_SELECTION);
      },
      (e: unknown) => toastError(`Could not ${vars.action} the selected participants`, e),
    );
  }

  return {
    selection,
    count,
    selectAll,
    toggle,
    clear,
    run: (action, extra = {}) => send({ action, ...extra, ...selectionTarget(selection, participants) }),
    result: last?.response ?? null,
    dismissResult: () => setLast(null),
    retryFailed: () => {
      if (!last) return;
      const { vars, response } = last;
      // Only what Sinch refused: one whose outcome is unknown may have been done, and Gavel is checking it.
      const callIds = response.results.filter(bulkFailed).map((r) => r.callId);
      send({ action: vars.action, moh: vars.moh, reason: vars.reason, callIds });
    },
    retrying: bulk.isPending,
  };
}
