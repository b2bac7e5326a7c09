"use client";
import { useEffect, useEffectEvent, useRef, useState, type RefObject } from "react";
import { toast } from "sonner";
import { whyNot } from "@/lib/auth/permissions";
import { formatNumber } from "@/lib/conferences/format";
import type { LiveParticipant, MohClass } from "@/lib/conferences/types";
import type { FocusRequest } from "./participant-list";
import type { RowHandlers } from "./participant-row";
import type { RowElements } from "./row-elements";

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

export interface RowFocus {
  /** The highlighted row, which the row keys act on. */
  focusedId: string | null;
  /** The last j/k move, for the list to focus and scroll to. */
  focusRequest: FocusRequest | null;
  /** A row took focus (a click, Tab): it becomes the highlighted one. */
  focusRow(callId: string): void;
  /** j and k: the next or previous row on screen. */
  move(rows: readonly LiveParticipant[], step: 1 | -1): void;
}

/** Which row is highlighted, and the requests that move focus to it. */
export function useRowFocus(): RowFocus {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const seq = useRef(0);
  // A state setter is stable, so rows memoised on the handlers stay memoised.
  const focusRow = setFocusedId;
  function move(rows: readonly LiveParticipant[], step: 1 | -1) {
    if (rows.length === 0) return;
    const at = rows.findIndex((r) => r.callId === focusedId);
    const next = at < 0 ? (step > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + step));
    const row = rows[next];
    if (!row) return;
    setFocusedId(row.callId);
    seq.current += 1;
    setFocusRequest({ callId: row.callId, seq: seq.current });
  }
  return { focusedId, focusRequest, focusRow, move };
}

/**
 * The console's keyboard: "/" search, "?" shortcuts, j/k move, and m/h/r/x act on
 * the highlighted row (or the row holding focus). Keys act on the intended state,
 * read at the moment of the key, so "m" pressed twice mutes then unmutes.
 */
export function useConsoleKeyboard({
  rows,
  focus,
  elements,
  handlers,
  readIntended,
  canControl,
  moh,
  paused,
  searchRef,
  showShortcuts,
}: {
  /** The rows on screen, in their order, for j and k. */
  rows: readonly LiveParticipant[];
  focus: RowFocus;
  elements: RowElements;
  handlers: RowHandlers;
  readIntended: () => LiveParticipant[];
  canControl: boolean;
  moh: MohClass;
  /** A dialog is open: it owns the keyboard. */
  paused: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
  showShortcuts: () => void;
}): void {
  const onKeyDown = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (keyBelongsToTarget(e.target)) return;
    if (paused) return;
    const key = e.key;
    if (key === "/") {
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
      return;
    }
    if (key === "?") {
      e.preventDefault();
      showShortcuts();
      return;
    }
    if (key === "j" || key === "k") {
      e.preventDefault();
      focus.move(rows, key === "j" ? 1 : -1);
      return;
    }
    if (!ROW_KEYS.has(key)) return;
    e.preventDefault();
    if (!canControl) {
      toast.error(`${whyNot("participant:control")}.`);
      return;
    }
    const id = elements.rowOf(document.activeElement) ?? focus.focusedId;
    const p = readIntended().find((x) => x.callId === id);
    if (!p) {
      toast("Choose a participant first: j and k move through the list.");
      return;
    }
    if (key === "m") handlers.setMuted(p, !p.muted);
    else if (key === "h") {
      if (p.onhold) handlers.resume(p);
      else handlers.hold(p, moh);
    } else if (key === "r") {
      if (p.onhold) handlers.resume(p);
      else toast(`${formatNumber(p.cli)} is not on hold.`);
    } else if (key === "x") handlers.requestKick(p);
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKeyDown(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);
}
