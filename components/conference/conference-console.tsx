"use client";
import { useQueryClient } from "@tanstack/react-query";
import { RefreshCw, SearchX, Users } from "lucide-react";
import { useDeferredValue, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { RequestId, toastError } from "@/components/ui/error-toast";
import { ApiError } from "@/lib/api/errors";
import { can, whyNot, type Role } from "@/lib/auth/permissions";
import { formatNumber } from "@/lib/conferences/format";
import { useHoldMusic } from "@/lib/conferences/client/hold-music";
import {
  useBulk,
  useConference,
  useConferenceLive,
  useOpenConference,
  readIntendedParticipants,
  usePendingChanges,
  type BulkVars,
} from "@/lib/conferences/client/queries";
import {
  conferenceKeys,
  type BulkAction,
  type BulkResponse,
  type ConferenceSummary,
  type KickAllResponse,
  type LiveParticipant,
} from "@/lib/conferences/schemas";
import { formatAgo } from "@/lib/conferences/time";
import {
  applyPending,
  EMPTY_SELECTION,
  isSelected,
  selectedCount,
  selectionTarget,
  toggleSelected,
  viewParticipants,
  type ParticipantFilter,
  type ParticipantSort,
  type Selection,
} from "@/lib/conferences/view";
import { useNow } from "@/lib/ui/client/use-now";
import { BulkBar, BulkSummary } from "./bulk-bar";
import { ConferenceHeader } from "./conference-header";
import { EndMeeting, KickAllSummary, participants as participantsText } from "./end-meeting";
import { KickDialog } from "./kick-dialog";
import { ParticipantList, type FocusRequest } from "./participant-list";
import type { RowHandlers } from "./participant-row";
import { ParticipantToolbar } from "./participant-toolbar";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { useParticipantActions } from "./use-participant-actions";
import { DialInButton, DialingRows } from "@/components/callouts/dialing-rows";
import { ConferenceTimeline } from "@/components/audit/conference-timeline";

/** Keys that act on the highlighted participant. */
const ROW_KEYS = new Set(["m", "h", "r", "x"]);

/** Focus is somewhere typing or a popup owns the keyboard: shortcuts stay out of the way. */
function keyBelongsToTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target.closest(
      'input, textarea, select, [role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [role="combobox"]',
    ) !== null
  );
}

/**
 * The moderation console for one conference: the live participant list (polled),
 * per-row and bulk commands with optimistic updates, search, filters, sorting,
 * keyboard shortcuts, and "End meeting" for admins.
 */
export function ConferenceConsole({
  conferenceId,
  role,
  pollIntervalMs,
}: {
  conferenceId: string;
  role: Role;
  pollIntervalMs: number;
}) {
  const queryClient = useQueryClient();
  const live = useConferenceLive(conferenceId, pollIntervalMs);
  const record = useConference(conferenceId);
  const open = useOpenConference();
  const pending = usePendingChanges(conferenceId);
  const bulk = useBulk(conferenceId);
  const actions = useParticipantActions(conferenceId);
  const [moh, setMoh] = useHoldMusic();

  const canControl = can(role, "participant:control");
  const controlDenied = canControl ? null : whyNot("participant:control");

  // Opening the page is what puts a conference in Gavel's list.
  const openConference = open.mutate;
  useEffect(() => {
    openConference(conferenceId);
  }, [conferenceId, openConference]);

  const summary: ConferenceSummary | undefined = record.data ?? open.data?.conference;
  const displayName = summary?.displayName ?? null;
  const name = displayName ?? conferenceId;

  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<ParticipantFilter>("all");
  const [sort, setSort] = useState<ParticipantSort>("joined");
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const focusSeq = useRef(0);
  const [kickTarget, setKickTarget] = useState<LiveParticipant | null>(null);
  const [bulkKickOpen, setBulkKickOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [bulkResult, setBulkResult] = useState<{ vars: BulkVars; response: BulkResponse } | null>(null);
  const [kickAllResult, setKickAllResult] = useState<KickAllResponse | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const stickyOffset = useStickyHeight(toolbarRef);

  // A 500-row list re-filters on every keystroke; let typing stay ahead of it.
  const deferredQuery = useDeferredValue(query);
  const { participants, pendingIds } = useMemo(
    () => applyPending(live.data?.participants ?? [], pending),
    [live.data, pending],
  );
  const { rows, counts } = useMemo(
    () => viewParticipants(participants, { query: deferredQuery, filter, sort }),
    [participants, deferredQuery, filter, sort],
  );
  // Whether this page has seen anyone connected: Gavel's record (fetched once, on
  // opening) may predate the first participant. Adjusted during render, React's
  // pattern for state derived from a change.
  const [sawSomeone, setSawSomeone] = useState(false);
  if (!sawSomeone && participants.length > 0) setSawSomeone(true);

  // When the room empties, Gavel's record knows when it last saw someone: fetch it again.
  const isEmpty = live.data !== undefined && participants.length === 0;
  useEffect(() => {
    if (isEmpty) void queryClient.invalidateQueries({ queryKey: conferenceKeys.detail(conferenceId) });
  }, [isEmpty, queryClient, conferenceId]);

  const headerCounts = live.data
    ? {
        participants: participants.length,
        muted: participants.filter((p) => p.muted).length,
        onhold: participants.filter((p) => p.onhold).length,
      }
    : null;

  // ------------------------------------------------------------ selection and bulk

  const filtersActive = deferredQuery.trim() !== "" || filter !== "all";
  const selCount = selectedCount(selection, participants);
  const allShownSelected = rows.length > 0 && rows.every((r) => isSelected(selection, r.callId));
  const selectAll = {
    label: filtersActive ? "Select all shown" : "Select all",
    count: filtersActive ? rows.length : participants.length,
    checked:
      selCount === 0
        ? false
        : (filtersActive ? allShownSelected : selCount === participants.length)
          ? true
          : ("indeterminate" as const),
    onChange: () => {
      if (selCount > 0) setSelection(EMPTY_SELECTION);
      // With a search or filter on, "all" means the rows on screen; otherwise everyone
      // in the room when the action is sent (unticking rows then makes exceptions).
      else if (filtersActive) setSelection({ mode: "ids", ids: new Set(rows.map((r) => r.callId)) });
      else setSelection({ mode: "all", except: new Set() });
    },
  };

  const bulkPending = pending.find((c) => c.kind === "bulk");
  const bulkProgress =
    bulkPending?.kind === "bulk" ? { action: bulkPending.action, count: bulkPending.targets.length } : null;

  function runBulk(vars: BulkVars) {
    bulk.mutateAsync(vars).then(
      (response) => {
        setBulkResult({ vars, response });
        setSelection(EMPTY_SELECTION);
      },
      (e: unknown) => toastError(`Could not ${vars.action} the selected participants`, e),
    );
  }

  function runSelected(action: BulkAction, extra: Partial<BulkVars> = {}) {
    runBulk({ action, ...extra, ...selectionTarget(selection, participants) });
  }

  function retryFailed() {
    if (!bulkResult) return;
    const { vars, response } = bulkResult;
    const callIds = response.results.filter((r) => !r.ok).map((r) => r.callId);
    runBulk({ action: vars.action, moh: vars.moh, reason: vars.reason, callIds });
  }

  // ------------------------------------------------------------ row handlers (stable for memoised rows)

  const handlers: RowHandlers = useMemo(
    () => ({
      setMuted: actions.setMuted,
      hold: actions.hold,
      resume: actions.resume,
      requestKick: (p) => setKickTarget(p),
      chooseMusic: setMoh,
      toggleSelected: (callId) => setSelection((s) => toggleSelected(s, callId)),
      focusRow: (callId) => setFocusedId(callId),
    }),
    [actions, setMoh],
  );

  // ------------------------------------------------------------ keyboard

  function moveFocus(step: 1 | -1) {
    if (rows.length === 0) return;
    const at = rows.findIndex((r) => r.callId === focusedId);
    const next = at < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step));
    const row = rows[next];
    if (!row) return;
    setFocusedId(row.callId);
    focusSeq.current += 1;
    setFocusRequest({ callId: row.callId, seq: focusSeq.current });
  }

  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (keyBelongsToTarget(e.target)) return;
    if (shortcutsOpen || kickTarget || bulkKickOpen) return;
    const key = e.key;
    if (key === "/") {
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
      return;
    }
    if (key === "?") {
      e.preventDefault();
      setShortcutsOpen(true);
      return;
    }
    if (key === "j" || key === "k") {
      e.preventDefault();
      moveFocus(key === "j" ? 1 : -1);
      return;
    }
    if (!ROW_KEYS.has(key)) return;
    e.preventDefault();
    if (!canControl) {
      toast.error(`${whyNot("participant:control")}.`);
      return;
    }
    const activeRow = document.activeElement?.closest('[data-testid="participant-row"]')?.getAttribute("data-call-id");
    const id = activeRow ?? focusedId;
    const p = readIntendedParticipants(queryClient, conferenceId).find((x) => x.callId === id);
    if (!p) {
      toast("Choose a participant first: j and k move through the list.");
      return;
    }
    if (key === "m") actions.setMuted(p, !p.muted);
    else if (key === "h") {
      if (p.onhold) actions.resume(p);
      else actions.hold(p, moh);
    } else if (key === "r") {
      if (p.onhold) actions.resume(p);
      else toast(`${formatNumber(p.cli)} is not on hold.`);
    } else if (key === "x") setKickTarget(p);
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKeyDown(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  // ------------------------------------------------------------ render

  // The console re-renders on every poll and every j/k; these panels need not. The
  // same element object lets React skip them (the timeline formats hundreds of dates).
  const canPlace = can(role, "callout:place");
  const callIdsKey = participants.map((p) => p.callId).join("\u0000");
  const participantsCallIds = useMemo(() => (callIdsKey ? callIdsKey.split("\u0000") : []), [callIdsKey]);
  const dialingRows = useMemo(
    () => <DialingRows conferenceId={conferenceId} participantsCallIds={participantsCallIds} canPlace={canPlace} />,
    [conferenceId, participantsCallIds, canPlace],
  );
  const timeline = useMemo(() => <ConferenceTimeline conferenceId={conferenceId} />, [conferenceId]);

  const receivedAt = live.data?.receivedAt;
  const staleError = live.data && live.error ? live.error : null;
  const showBulkBar = canControl && (selCount > 0 || bulkProgress !== null);

  // The tab says what the page says, for an operator with several conferences open:
  // "(6) Weekly sync · Gavel", and "Stale" first while polls fail.
  const tabTitle = `${staleError ? "Stale: " : ""}${headerCounts ? `(${headerCounts.participants}) ` : ""}${name} · Gavel`;
  // Set again on every list received: Next streams the page's own <title> in and
  // may write it after this page's first effect.
  useEffect(() => {
    document.title = tabTitle;
  }, [tabTitle, receivedAt]);

  return (
    <div className="space-y-4">
      <ConferenceHeader
        conferenceId={conferenceId}
        displayName={displayName}
        pinned={summary?.pinned ?? false}
        counts={headerCounts}
        receivedAt={receivedAt}
        error={staleError}
        endMeeting={
          <div className="flex flex-wrap gap-2">
            <DialInButton
              conferenceId={conferenceId}
              disabledReason={can(role, "callout:place") ? null : whyNot("callout:place")}
            />
            <EndMeeting
              conferenceId={conferenceId}
              conferenceName={name}
              liveCount={live.data ? participants.length : null}
              role={role}
              onEnded={(result) => {
                setKickAllResult(result);
                setSelection(EMPTY_SELECTION);
              }}
            />
          </div>
        }
      />

      {kickAllResult ? <KickAllSummary result={kickAllResult} onDismiss={() => setKickAllResult(null)} /> : null}

      <section
        aria-label="Participants"
        aria-busy={!live.data && !live.error ? true : undefined}
        className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <div
          ref={toolbarRef}
          className="space-y-3 rounded-t-lg border-b border-slate-200 bg-white p-3 lg:sticky lg:top-0 lg:z-10 dark:border-slate-800 dark:bg-slate-900"
        >
          <ParticipantToolbar
            query={query}
            onQueryChange={setQuery}
            filter={filter}
            onFilterChange={setFilter}
            counts={counts}
            sort={sort}
            onSortChange={setSort}
            onShowShortcuts={() => setShortcutsOpen(true)}
            searchRef={searchRef}
          />
          {showBulkBar ? (
            <BulkBar
              count={selCount}
              allMode={selection.mode === "all"}
              onClear={() => setSelection(EMPTY_SELECTION)}
              pending={bulkProgress}
              moh={moh}
              onChooseMusic={setMoh}
              onRun={(action, m) => runSelected(action, action === "hold" ? { moh: m ?? moh } : {})}
              onRequestKick={() => setBulkKickOpen(true)}
            />
          ) : null}
          {bulkResult ? (
            <BulkSummary
              result={bulkResult.response}
              canRetry={canControl}
              retrying={bulk.isPending}
              onRetry={retryFailed}
              onDismiss={() => setBulkResult(null)}
            />
          ) : null}
        </div>

        {dialingRows}

        {live.data === undefined ? (
          live.error ? (
            <LoadError error={live.error} onRetry={() => void live.refetch()} pollIntervalMs={pollIntervalMs} />
          ) : (
            <LoadingRows />
          )
        ) : participants.length === 0 ? (
          <EmptyConference summary={summary} name={name} sawSomeone={sawSomeone} />
        ) : rows.length === 0 ? (
          <NoMatches
            onClear={() => {
              setQuery("");
              setFilter("all");
            }}
          />
        ) : (
          <ParticipantList
            rows={rows}
            receivedAt={receivedAt ?? 0}
            pendingIds={pendingIds}
            selection={selection}
            focusedId={focusedId}
            focusRequest={focusRequest}
            selectable={canControl}
            controlDenied={controlDenied}
            moh={moh}
            handlers={handlers}
            selectAll={selectAll}
            stickyOffset={stickyOffset}
          />
        )}
      </section>

      {timeline}

      <KickDialog
        open={kickTarget !== null}
        onOpenChange={(o) => {
          if (!o) setKickTarget(null);
        }}
        title={kickTarget ? `Kick ${formatNumber(kickTarget.cli)}?` : "Kick?"}
        description={
          kickTarget ? (
            <>
              <span className="font-medium text-slate-900 dark:text-slate-100">{formatNumber(kickTarget.cli)}</span>{" "}
              will be removed from <span className="font-medium text-slate-900 dark:text-slate-100">{name}</span>: their
              call ends now.
            </>
          ) : null
        }
        confirmLabel="Kick"
        onConfirm={(reason) => {
          if (kickTarget) actions.kick(kickTarget, reason);
          setKickTarget(null);
        }}
      />

      <KickDialog
        open={bulkKickOpen}
        onOpenChange={setBulkKickOpen}
        title={`Kick ${participantsText(selCount)}?`}
        description={
          <>
            {selection.mode === "all" && selCount === participants.length ? "Everyone" : participantsText(selCount)}{" "}
            will be removed from <span className="font-medium text-slate-900 dark:text-slate-100">{name}</span>: their
            calls end now.
          </>
        }
        confirmLabel={`Kick ${selCount}`}
        onConfirm={(reason) => {
          setBulkKickOpen(false);
          runSelected("kick", reason ? { reason } : {});
        }}
      />

      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
    </div>
  );
}

/** The height of an element while it is position: sticky (the toolbar, on wide screens), else 0. */
function useStickyHeight(ref: React.RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(getComputedStyle(el).position === "sticky" ? el.offsetHeight : 0);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    window.addEventListener("resize", measure);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", measure);
    };
  }, [ref]);
  return height;
}

// ------------------------------------------------------------ states of the list

function LoadingRows() {
  return (
    <div className="divide-y divide-slate-200 dark:divide-slate-800">
      <span className="sr-only">Loading participants…</span>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} aria-hidden className="flex items-center gap-4 px-3 py-3">
          <div className="h-4 w-4 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
          <div className="h-4 w-40 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
          <div className="ml-auto h-8 w-56 animate-pulse rounded bg-slate-100 dark:bg-slate-800/60" />
        </div>
      ))}
    </div>
  );
}

function LoadError({ error, onRetry, pollIntervalMs }: { error: Error; onRetry: () => void; pollIntervalMs: number }) {
  return (
    <div role="alert" className="flex flex-col items-center gap-2 px-6 py-12 text-center">
      <p className="font-medium text-slate-900 dark:text-slate-100">Could not load the participants</p>
      <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
        {error.message} Gavel keeps trying every {Math.round(pollIntervalMs / 1000)} s.
      </p>
      {error instanceof ApiError && error.requestId ? <RequestId id={error.requestId} /> : null}
      <Button size="sm" onClick={onRetry} className="mt-2">
        <RefreshCw aria-hidden className="size-3.5" />
        Try now
      </Button>
    </div>
  );
}

function EmptyConference({
  summary,
  name,
  sawSomeone,
}: {
  summary: ConferenceSummary | undefined;
  name: string;
  sawSomeone: boolean;
}) {
  const now = useNow();
  const lastConnected = summary?.lastConnectedAt ? Date.parse(summary.lastConnectedAt) : null;
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-14 text-center" data-testid="empty-conference">
      <div className="mb-1 flex size-11 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
        <Users aria-hidden className="size-5" />
      </div>
      {lastConnected === null && !sawSomeone ? (
        <>
          <p className="font-medium text-slate-900 dark:text-slate-100">Nobody has joined {name} yet</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            Sinch creates a conference room when its first participant joins, so there is nothing to moderate until
            someone dials in. This page updates by itself as people connect.
          </p>
        </>
      ) : (
        <>
          <p className="font-medium text-slate-900 dark:text-slate-100">Nobody is connected</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            Everyone has left
            {now && lastConnected !== null ? `; Gavel last saw someone connected ${formatAgo(lastConnected, now)}` : ""}
            . This page updates by itself when someone joins.
          </p>
        </>
      )}
    </div>
  );
}

function NoMatches({ onClear }: { onClear: () => void }) {
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-12 text-center">
      <SearchX aria-hidden className="size-6 text-slate-400" />
      <p className="font-medium text-slate-900 dark:text-slate-100">No participants match</p>
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear search and filters
      </Button>
    </div>
  );
}
