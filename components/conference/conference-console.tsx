"use client";
import { useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { can, whyNot, type Role } from "@/lib/auth/permissions";
import { useHoldMusic } from "@/lib/conferences/client/hold-music";
import { useLiveView } from "@/lib/conferences/client/pending";
import { pollWindowMs, useConferenceLivePolite } from "@/lib/conferences/client/live-backoff";
import { useConference, useOpenConference } from "@/lib/conferences/client/queries";
import { conferenceKeys, type ConferenceSummary, type LiveParticipant } from "@/lib/conferences/types";
import { resolvedOf } from "@/lib/conferences/client/outcomes";
import { RoomSummaries, viewParticipants, type ParticipantFilter, type ParticipantSort } from "@/lib/conferences/view";
import { BulkBar, BulkSummary } from "./bulk-bar";
import { ConferenceHeader } from "./conference-header";
import { EndMeeting, KickAllSummary, type EndResult } from "./end-meeting";
import { useKickRequests } from "./use-kick-requests";
import { EmptyConference, LoadError, LoadingRows, NoMatches } from "./list-states";
import { ParticipantList } from "./participant-list";
import type { RowHandlers } from "./participant-row";
import { ParticipantToolbar } from "./participant-toolbar";
import { useRowElements } from "./row-elements";
import { useBulkSelection } from "./use-bulk-selection";
import { useConsoleKeyboard, useRowFocus } from "./use-console-keyboard";
import { useOutcomeNotices } from "./use-outcome-notices";
import { useParticipantActions } from "./use-participant-actions";
import { useStickyHeight } from "./use-sticky-height";
import { ConsoleTabTitle } from "./use-freshness";
import { DialInButton, DialingRows } from "@/components/callouts/dialing-rows";
import { ConferenceTimeline } from "@/components/audit/conference-timeline";
import { useSession } from "next-auth/react";
import { usePresence } from "@/lib/conferences/client/presence";
import { useDocumentVisible } from "@/lib/ui/client/use-document-visible";
import { usePresencePrefs } from "@/lib/conferences/client/presence-prefs";
import { LeftRecently } from "./left-recently";
import { ExpectedPanel } from "./expected-panel";
import { PresenceAlerts } from "./presence-alerts";
import { RoomPolicies } from "@/components/policies/room-policies";
import { DialogLoading } from "@/components/ui/dialog-loading";

// Dialogs load when first opened, not with the page (issue 12, item 8).
const KickConfirmations = dynamic(() => import("./kick-confirmations").then((m) => m.KickConfirmations), {
  loading: DialogLoading,
});
const ShortcutsDialog = dynamic(() => import("./shortcuts-dialog").then((m) => m.ShortcutsDialog), {
  loading: DialogLoading,
});

// Loaded when someone names a number, not with the page.
const NameNumberDialog = dynamic(() => import("./name-number-dialog").then((m) => m.NameNumberDialog), {
  ssr: false,
});

/**
 * The moderation console for one conference: the live participant list (polled),
 * per-row and bulk commands shown as pending until Sinch confirms them, search,
 * filters, sorting, keyboard shortcuts, and "End meeting" for admins. This file
 * puts the pieces together; each has its own: the keyboard (use-console-keyboard),
 * selection and bulk (use-bulk-selection), the list's states (list-states), the kick
 * confirmations (kick-confirmations), and what is pending (lib/.../client/pending).
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
  const live = useConferenceLivePolite(conferenceId, pollIntervalMs);
  const record = useConference(conferenceId);
  const open = useOpenConference();
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
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [kickAllResult, setKickAllResult] = useState<EndResult | null>(null);
  const [naming, setNaming] = useState<LiveParticipant | null>(null);
  const canName = can(role, "directory:name-caller");
  const searchRef = useRef<HTMLInputElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const stickyOffset = useStickyHeight(toolbarRef);

  // A 500-row list re-filters on every keystroke; let typing stay ahead of it.
  const deferredQuery = useDeferredValue(query);
  const {
    participants,
    pendingIds,
    unconfirmedIds,
    unconfirmed,
    bulk: bulkInFlight,
    readIntended,
  } = useLiveView(conferenceId, live.data);
  const notices = useOutcomeNotices({ live: live.data, unconfirmed, actions, moh });
  // Joins and leaves, from the polled list itself (not the pending overlay).
  const { data: session } = useSession();
  const [cuePrefs, setCuePrefs] = usePresencePrefs(session?.user.id);
  const presence = usePresence(conferenceId, name, live.data, cuePrefs);
  const tabVisible = useDocumentVisible();
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

  // Once per list, its keys kept while the list holds the same calls (RoomSummaries).
  const [summaries] = useState(() => new RoomSummaries());
  const room = useMemo(() => summaries.of(participants), [summaries, participants]);
  const headerCounts = live.data ? room.counts : null;

  const filtersActive = deferredQuery.trim() !== "" || filter !== "all";
  const bulk = useBulkSelection(conferenceId, participants, rows, filtersActive);
  const kicks = useKickRequests();
  const focus = useRowFocus();
  const elements = useRowElements();

  // One object for the rows and the keyboard, stable so memoised rows stay memoised.
  const requestKick = kicks.request;
  const { toggle: toggleSelected } = bulk;
  const { focusRow } = focus;
  const handlers: RowHandlers = useMemo(
    () => ({
      ...actions,
      requestKick,
      chooseMusic: setMoh,
      toggleSelected,
      focusRow,
      ...(canName ? { requestName: setNaming } : {}),
    }),
    [actions, requestKick, setMoh, toggleSelected, focusRow, canName],
  );

  useConsoleKeyboard({
    rows,
    focus,
    elements,
    handlers,
    readIntended,
    canControl,
    moh,
    paused: shortcutsOpen || kicks.open || naming !== null,
    searchRef,
    showShortcuts: () => setShortcutsOpen(true),
  });

  // The console re-renders on every poll and every j/k; these panels need not. The
  // same element object lets React skip them (the timeline formats hundreds of dates).
  const canPlace = can(role, "callout:place");
  const { callIdsKey, presentNumbers } = room;
  const participantsCallIds = useMemo(() => (callIdsKey ? callIdsKey.split("\u0000") : []), [callIdsKey]);
  const dialingRows = useMemo(
    () => <DialingRows conferenceId={conferenceId} participantsCallIds={participantsCallIds} canPlace={canPlace} />,
    [conferenceId, participantsCallIds, canPlace],
  );
  const timeline = useMemo(() => <ConferenceTimeline conferenceId={conferenceId} />, [conferenceId]);
  const alerts = useMemo(() => <PresenceAlerts prefs={cuePrefs} onChange={setCuePrefs} />, [cuePrefs, setCuePrefs]);

  // The header and the tab title read the poll's own state (live-poll-state.ts): the
  // console reads only the list, so a poll's start does not render it. A hidden tab
  // reads the list more slowly (live-backoff): not "stale" for that.
  const pollWindow = pollWindowMs(pollIntervalMs, tabVisible);
  const showBulkBar = canControl && (bulk.count > 0 || bulkInFlight !== null);

  return (
    <div className="space-y-4">
      <ConsoleTabTitle
        conferenceId={conferenceId}
        pollIntervalMs={pollWindow}
        count={headerCounts?.participants ?? null}
        name={name}
        joinedWhileHidden={presence.joinedWhileHidden}
      />
      <ConferenceHeader
        conferenceId={conferenceId}
        displayName={displayName}
        pinned={summary?.pinned ?? false}
        counts={headerCounts}
        pollIntervalMs={pollWindow}
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
                bulk.clear();
              }}
            />
          </div>
        }
      />

      {kickAllResult ? (
        <KickAllSummary
          result={kickAllResult}
          resolution={
            "requestId" in kickAllResult
              ? resolvedOf(live.data).find((r) => r.requestId === kickAllResult.requestId)
              : undefined
          }
          stillConnected={participants.length}
          onDismiss={() => setKickAllResult(null)}
        />
      ) : null}
      <p role="status" aria-live="polite" className="sr-only" data-testid="outcome-announcement">
        {notices.announcement}
      </p>
      <p role="status" aria-live="polite" className="sr-only" data-testid="presence-announcement">
        {presence.announcement}
      </p>

      <ExpectedPanel conferenceId={conferenceId} role={role} presentNumbers={presentNumbers} />
      <LeftRecently conferenceId={conferenceId} canPlace={canPlace} presentNumbers={presentNumbers} alerts={alerts} />
      <RoomPolicies
        conferenceId={conferenceId}
        role={role}
        participants={participants}
        pollIntervalMs={pollIntervalMs}
        onTurnAway={requestKick}
      />

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
              count={bulk.count}
              allMode={bulk.selection.mode === "all"}
              onClear={bulk.clear}
              pending={bulkInFlight}
              moh={moh}
              onChooseMusic={setMoh}
              onRun={(action, m) => bulk.run(action, action === "hold" ? { moh: m ?? moh } : {})}
              onRequestKick={kicks.requestBulk}
            />
          ) : null}
          {bulk.result ? (
            <BulkSummary
              result={bulk.result}
              canRetry={canControl}
              retrying={bulk.retrying}
              onRetry={bulk.retryFailed}
              onDismiss={bulk.dismissResult}
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
            pendingIds={pendingIds}
            unconfirmedIds={unconfirmedIds}
            confirmedIds={notices.confirmedIds}
            selection={bulk.selection}
            focusedId={focus.focusedId}
            joinedIds={presence.joinedIds}
            focusRequest={focus.focusRequest}
            selectable={canControl}
            controlDenied={controlDenied}
            moh={moh}
            handlers={handlers}
            elements={elements}
            selectAll={bulk.selectAll}
            stickyOffset={stickyOffset}
          />
        )}
      </section>

      {timeline}

      {kicks.open ? (
        <KickConfirmations
          requests={kicks}
          conferenceName={name}
          selected={bulk.count}
          everyone={bulk.selection.mode === "all" && bulk.count === participants.length}
          onKick={actions.kick}
          onBulkKick={(reason) => bulk.run("kick", reason ? { reason } : {})}
        />
      ) : null}

      {shortcutsOpen ? <ShortcutsDialog open onOpenChange={setShortcutsOpen} /> : null}
      {naming ? (
        <NameNumberDialog conferenceId={conferenceId} participant={naming} onClose={() => setNaming(null)} />
      ) : null}
    </div>
  );
}
