"use client";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import type { LiveParticipant, MohClass } from "@/lib/conferences/types";
import { isSelected, type Selection } from "@/lib/conferences/view";
import { cn } from "@/lib/ui/cn";
import { ParticipantRow, ROW_GRID, type RowHandlers } from "./participant-row";
import type { RowElements } from "./row-elements";

/** Longer lists are virtualised: only the rows near the viewport are in the DOM. */
export const VIRTUALIZE_ABOVE = 100;

export interface FocusRequest {
  callId: string;
  /** Changes on every request, so asking for the same row twice still scrolls to it. */
  seq: number;
}

interface ListProps {
  rows: LiveParticipant[];
  receivedAt: number;
  pendingIds: ReadonlySet<string>;
  /** Rows whose command Sinch has not confirmed yet. */
  unconfirmedIds: ReadonlySet<string>;
  /** Rows whose unconfirmed command Gavel has lately confirmed. */
  confirmedIds: ReadonlySet<string>;
  selection: Selection;
  focusedId: string | null;
  focusRequest: FocusRequest | null;
  selectable: boolean;
  controlDenied: string | null;
  moh: MohClass;
  handlers: RowHandlers;
  /** The rows' elements, registered by their refs: where a focus request finds its row. */
  elements: RowElements;
  selectAll: { checked: boolean | "indeterminate"; label: string; onChange: () => void; count: number } | null;
  /** Height of what sticks to the top of the viewport above the list (the toolbar on wide screens). */
  stickyOffset: number;
}

const HEADER_CELL = "text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400";

function ListHeader({
  selectable,
  selectAll,
  stickyOffset,
}: Pick<ListProps, "selectable" | "selectAll" | "stickyOffset">) {
  return (
    <div
      // On wide screens it sticks under the toolbar, so Select all stays at hand in a long list.
      style={stickyOffset ? { top: stickyOffset } : undefined}
      className={cn(
        "grid items-center gap-x-3 border-b border-slate-200 bg-slate-50 px-3 py-2 lg:sticky lg:z-[5] dark:border-slate-800 dark:bg-slate-900",
        selectable ? ROW_GRID.selectable : ROW_GRID.plain,
      )}
    >
      {selectable && selectAll ? (
        <div className="col-start-1 row-start-1 flex items-center">
          <Checkbox aria-label={selectAll.label} checked={selectAll.checked} onCheckedChange={selectAll.onChange} />
        </div>
      ) : null}
      <div className={cn(HEADER_CELL, "row-start-1", selectable ? "col-start-2" : "col-start-1")}>
        <span className="lg:hidden">{selectable && selectAll ? selectAll.label : "Participants"}</span>
        <span className="hidden lg:inline">Participant</span>
      </div>
      <div className={cn(HEADER_CELL, "hidden lg:block")}>Call ID</div>
      <div className={cn(HEADER_CELL, "hidden lg:block")}>Duration</div>
      <div className={cn(HEADER_CELL, "hidden lg:block")}>State</div>
      <div className={cn(HEADER_CELL, "hidden text-right lg:block")}>Actions</div>
    </div>
  );
}

function rowProps(p: LiveParticipant, props: ListProps) {
  return {
    participant: p,
    receivedAt: props.receivedAt,
    pending: props.pendingIds.has(p.callId),
    outcome: props.unconfirmedIds.has(p.callId)
      ? ("unconfirmed" as const)
      : props.confirmedIds.has(p.callId)
        ? ("confirmed" as const)
        : null,
    selected: props.selectable && isSelected(props.selection, p.callId),
    focused: props.focusedId === p.callId,
    selectable: props.selectable,
    controlDenied: props.controlDenied,
    moh: props.moh,
    handlers: props.handlers,
    elements: props.elements,
  };
}

/** Height of the sticky column header (wide screens), which rows must clear too. */
const HEADER_PX = 34;

/** Scrolls the least needed to show a row below whatever sticks to the top. */
function revealRow(el: HTMLElement, stickyOffset: number): void {
  const rect = el.getBoundingClientRect();
  const margin = 8;
  if (rect.top < stickyOffset + margin) window.scrollBy({ top: rect.top - stickyOffset - margin });
  else if (rect.bottom > window.innerHeight - margin)
    window.scrollBy({ top: rect.bottom - window.innerHeight + margin });
}

function PlainRows(props: ListProps) {
  const { focusRequest, stickyOffset, elements } = props;
  useEffect(() => {
    if (!focusRequest) return;
    const el = elements.get(focusRequest.callId);
    if (!el) return;
    if (!el.contains(document.activeElement)) el.focus({ preventScroll: true });
    revealRow(el, stickyOffset ? stickyOffset + HEADER_PX : 0);
    // Only a new request moves focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);
  return (
    <ul aria-label="Participants">
      {props.rows.map((p) => (
        <ParticipantRow key={p.callId} {...rowProps(p, props)} />
      ))}
    </ul>
  );
}

function VirtualRows(props: ListProps) {
  const { rows, focusRequest, stickyOffset, elements } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  // The list starts below the header, toolbar and bulk bar, whose height changes.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => setScrollMargin(el.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 56,
    overscan: 8,
    scrollMargin,
    scrollPaddingStart: (stickyOffset ? stickyOffset + HEADER_PX : 0) + 8,
    scrollPaddingEnd: 8,
    getItemKey: (i) => rows[i]?.callId ?? i,
  });

  useEffect(() => {
    if (!focusRequest) return;
    const index = rows.findIndex((r) => r.callId === focusRequest.callId);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: "auto" });
    // The row may only exist after the scroll renders it.
    const frame = requestAnimationFrame(() => {
      const el = elements.get(focusRequest.callId);
      if (!el) return;
      if (!el.contains(document.activeElement)) el.focus({ preventScroll: true });
      revealRow(el, stickyOffset ? stickyOffset + HEADER_PX : 0);
    });
    return () => cancelAnimationFrame(frame);
    // Only a new request moves focus; a poll changing `rows` must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusRequest]);

  const items = virtualizer.getVirtualItems();
  return (
    <ul
      ref={listRef}
      aria-label="Participants"
      className="relative"
      style={{ height: virtualizer.getTotalSize() }}
      data-virtualized="true"
    >
      {items.map((item) => {
        const p = rows[item.index];
        if (!p) return null;
        return (
          <ParticipantRow
            key={item.key}
            {...rowProps(p, props)}
            dataIndex={item.index}
            measureRef={virtualizer.measureElement}
            position={{ index: item.index + 1, size: rows.length }}
            style={{
              position: "absolute",
              top: 0,
              left: 0,
              width: "100%",
              transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
            }}
          />
        );
      })}
    </ul>
  );
}

/** The participant rows with their column header; virtualised above VIRTUALIZE_ABOVE rows. */
export function ParticipantList(props: ListProps) {
  return (
    <div>
      <ListHeader selectable={props.selectable} selectAll={props.selectAll} stickyOffset={props.stickyOffset} />
      {props.rows.length > VIRTUALIZE_ABOVE ? <VirtualRows {...props} /> : <PlainRows {...props} />}
    </div>
  );
}
