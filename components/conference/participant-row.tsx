"use client";
import { Check, CircleHelp, Mic, MicOff, Pause, PhoneOff, Play, UserPen } from "lucide-react";
import { memo, useCallback, useMemo, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { CopyButton } from "@/components/ui/copy-button";
import { Gated } from "@/components/ui/gated";
import { Spinner } from "@/components/ui/spinner";
import { formatNumber } from "@/lib/conferences/format";
import { holdBadge } from "@/lib/conferences/hold-music";
import type { MohClass } from "@/lib/conferences/types";
import { shortCallId } from "@/lib/conferences/view";
import { cn } from "@/lib/ui/cn";
import { HoldButton } from "./hold-button";
import { LiveDuration } from "./live-duration";
import { sameRowProps, type ParticipantRowProps } from "./participant-row-props";

export type { RowHandlers } from "./participant-row-props";

/**
 * The row grid. Narrow screens: number and duration, then call id and state, then
 * the controls on their own line. From lg: one line per participant.
 */
export const ROW_GRID = {
  selectable:
    "grid-cols-[1.75rem_minmax(0,1fr)_auto] lg:grid-cols-[1.75rem_minmax(11rem,1.6fr)_8.5rem_4.5rem_minmax(6.5rem,1fr)_18rem]",
  plain: "grid-cols-[minmax(0,1fr)_auto] lg:grid-cols-[minmax(11rem,1.6fr)_8.5rem_4.5rem_minmax(6.5rem,1fr)_18rem]",
};

/** Where each cell goes, with and without the checkbox column. */
export const CELL = {
  selectable: {
    check: "col-start-1 row-start-1",
    who: "col-start-2 row-start-1",
    callId: "col-start-2 row-start-2 lg:col-start-3 lg:row-start-1",
    duration: "col-start-3 row-start-1 justify-self-end lg:col-start-4 lg:justify-self-start",
    // Spans the number's column on narrow screens, so wide badges never squeeze the number.
    state:
      "col-start-2 col-span-2 row-start-2 justify-self-end lg:col-start-5 lg:col-span-1 lg:row-start-1 lg:justify-self-start",
    controls: "col-start-2 col-span-2 row-start-3 lg:col-start-6 lg:col-span-1 lg:row-start-1 lg:justify-end",
  },
  plain: {
    check: "hidden",
    who: "col-start-1 row-start-1",
    callId: "col-start-1 row-start-2 lg:col-start-2 lg:row-start-1",
    duration: "col-start-2 row-start-1 justify-self-end lg:col-start-3 lg:justify-self-start",
    state:
      "col-start-1 col-span-2 row-start-2 justify-self-end lg:col-start-4 lg:col-span-1 lg:row-start-1 lg:justify-self-start",
    controls: "col-start-1 col-span-2 row-start-3 lg:col-start-5 lg:col-span-1 lg:row-start-1 lg:justify-end",
  },
};

/** "On hold · Music 2" when Gavel's own hold named the music; "On hold" when Gavel cannot know it. */
function HoldBadge({ music }: { music: MohClass | null | undefined }) {
  const badge = holdBadge(music);
  return (
    <Badge tone="hold" title={badge.title} data-testid="hold-badge" data-moh={music ?? ""}>
      <Pause aria-hidden className="size-3" />
      {badge.text}
    </Badge>
  );
}

function Guard({ reason, children }: { reason: string | null; children: ReactNode }) {
  return reason ? <Gated reason={reason}>{children as React.ReactElement}</Gated> : <>{children}</>;
}

export const ParticipantRow = memo(function ParticipantRow({
  participant: p,
  pending,
  outcome,
  selected,
  focused,
  joined,
  selectable,
  controlDenied,
  moh,
  handlers,
  elements,
  dataIndex,
  setSize,
  offset,
  measureRef,
}: ParticipantRowProps) {
  const number = useMemo(() => formatNumber(p.cli), [p.cli]);
  // Who the row is: the directory's name first, else the label of Gavel's callout, else the number.
  const shownName = p.name ?? p.label;
  // What the controls' labels call them: the contact's name with the number (screen readers, tests).
  const who = p.name ? `${p.name} (${number})` : number;
  const callId = p.callId;
  const ref = useCallback(
    (el: HTMLLIElement | null) => {
      if (!el) return;
      measureRef?.(el);
      const unregister = elements.register(callId, el);
      return () => {
        unregister();
        // With a cleanup returned, React no longer calls the ref with null; the virtualiser relies on it.
        measureRef?.(null);
      };
    },
    [measureRef, elements, callId],
  );
  const cell = selectable ? CELL.selectable : CELL.plain;
  const disabled = controlDenied !== null;

  return (
    <li
      ref={ref}
      data-index={dataIndex}
      data-call-id={p.callId}
      data-testid="participant-row"
      data-focused={focused || undefined}
      data-joined={joined || undefined}
      tabIndex={-1}
      aria-busy={pending || undefined}
      aria-posinset={setSize !== undefined && dataIndex !== undefined ? dataIndex + 1 : undefined}
      aria-setsize={setSize}
      // Placed by `top`, not a translateY per row: a transform per row is one more paint
      // property node and chunk that every frame of the page layerizes (BENCHMARKS.md).
      style={offset === undefined ? undefined : { position: "absolute", top: offset, left: 0, width: "100%" }}
      onFocus={() => handlers.focusRow(p.callId)}
      className={cn(
        "grid items-center gap-x-3 gap-y-1.5 border-b border-slate-200 px-3 py-2.5 outline-none transition-colors last:border-b-0 lg:py-2 dark:border-slate-800",
        selectable ? ROW_GRID.selectable : ROW_GRID.plain,
        // Not virtualised: each row is painted on its own (a ticking duration repaints
        // its row, not the page), and rows out of view are not rendered at all.
        offset === undefined && "[contain-intrinsic-size:auto_3.5rem] [content-visibility:auto]",
        selected && "bg-brand-50/70 dark:bg-brand-700/15",
        focused && "bg-brand-50 shadow-[inset_3px_0_0_0] shadow-brand-500 dark:bg-brand-700/25",
        !focused && !selected && "hover:bg-slate-50 dark:hover:bg-slate-800/40",
        joined && "gavel-row-joined",
      )}
    >
      {selectable ? (
        <div className={cn("flex items-center", cell.check)}>
          <Checkbox
            aria-label={`Select ${who}`}
            checked={selected}
            onCheckedChange={() => handlers.toggleSelected(p.callId)}
          />
        </div>
      ) : null}

      <div className={cn("min-w-0", cell.who)}>
        <div className="flex min-w-0 items-center gap-1.5">
          <span
            data-testid="participant-name"
            className={cn("truncate font-medium text-slate-900 dark:text-slate-50", !shownName && "tabular-nums")}
          >
            {shownName ?? number}
          </span>
          {pending ? (
            <span className="inline-flex items-center text-brand-600 dark:text-brand-100" title="Waiting for Sinch">
              <Spinner className="size-3.5" />
              <span className="sr-only">Waiting for Sinch</span>
            </span>
          ) : null}
          {handlers.requestName ? (
            <Button
              size="icon"
              variant="ghost"
              aria-label={`Name this number: ${number}`}
              title="Name this number"
              onClick={() => handlers.requestName?.(p)}
              className="size-6 shrink-0 text-slate-400 hover:text-slate-700 dark:text-slate-500 dark:hover:text-slate-200"
            >
              <UserPen aria-hidden className="size-3.5" />
            </Button>
          ) : null}
        </div>
        {shownName ? (
          <div className="truncate text-xs text-slate-500 dark:text-slate-400">
            <span className="tabular-nums">{number}</span>
            {p.name && p.label && p.label !== p.name ? <span title="Callout label"> · {p.label}</span> : null}
          </div>
        ) : null}
      </div>

      <div className={cn("flex min-w-0 items-center gap-0.5 text-xs text-slate-500 dark:text-slate-400", cell.callId)}>
        <span className="font-mono" title={p.callId}>
          <span className="sr-only">Call ID </span>
          {shortCallId(p.callId)}
        </span>
        <CopyButton value={p.callId} label={`Copy call ID of ${who}`} />
      </div>

      <div className={cn("text-sm text-slate-700 dark:text-slate-300", cell.duration)}>
        <span className="sr-only">Duration </span>
        <LiveDuration joinedAt={p.joinedAt} />
      </div>

      <div className={cn("flex flex-wrap items-center justify-end gap-1 lg:justify-start", cell.state)}>
        {outcome === "unconfirmed" ? (
          <Badge
            tone="neutral"
            data-testid="row-unconfirmed"
            title="Sinch did not answer in time; Gavel is checking its list to see whether the command was carried out"
            className="border border-dashed border-slate-400 dark:border-slate-500"
          >
            <CircleHelp aria-hidden className="size-3" />
            Not confirmed yet
            <span className="sr-only"> by Sinch</span>
          </Badge>
        ) : outcome === "confirmed" ? (
          <Badge tone="success" data-testid="row-confirmed">
            <Check aria-hidden className="size-3" />
            Confirmed
          </Badge>
        ) : null}
        {p.muted ? (
          <Badge tone="muted">
            <MicOff aria-hidden className="size-3" />
            Muted
          </Badge>
        ) : null}
        {p.onhold ? <HoldBadge music={p.holdMusic} /> : null}
      </div>

      <div className={cn("flex flex-wrap items-center gap-1.5 lg:flex-nowrap", cell.controls)}>
        <Guard reason={controlDenied}>
          <Button
            size="sm"
            aria-label={`${p.muted ? "Unmute" : "Mute"} ${who}`}
            disabled={disabled}
            onClick={() => handlers.setMuted(p, !p.muted)}
            className="w-24 justify-start"
          >
            {p.muted ? <Mic aria-hidden className="size-3.5" /> : <MicOff aria-hidden className="size-3.5" />}
            {p.muted ? "Unmute" : "Mute"}
          </Button>
        </Guard>
        <Guard reason={controlDenied}>
          {p.onhold ? (
            <Button
              size="sm"
              aria-label={`Resume ${who}`}
              disabled={disabled}
              onClick={() => handlers.resume(p)}
              className="w-24 justify-start"
            >
              <Play aria-hidden className="size-3.5" />
              Resume
            </Button>
          ) : (
            <HoldButton
              who={who}
              moh={moh}
              disabled={disabled}
              hint="h"
              onHold={(m) => handlers.hold(p, m)}
              onChooseMusic={handlers.chooseMusic}
              className="w-24"
            />
          )}
        </Guard>
        <Guard reason={controlDenied}>
          <Button
            size="sm"
            variant="danger-outline"
            aria-label={`Kick ${who}`}
            disabled={disabled}
            onClick={() => handlers.requestKick(p)}
          >
            <PhoneOff aria-hidden className="size-3.5" />
            Kick
          </Button>
        </Guard>
      </div>
    </li>
  );
}, sameRowProps);
