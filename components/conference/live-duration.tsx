"use client";
import { memo, useCallback } from "react";
import { formatDuration } from "@/lib/conferences/time";

/**
 * A call's duration, ticking every second: the time since the call started
 * (`joinedAt`, this browser's clock; lib/conferences/stable-rows.ts). One shared
 * one-second timer writes every shown duration's text itself, so a tick costs a few
 * text writes and no React render of the rows or the list. React renders the span
 * empty and never touches its text; the timer fills it as soon as it is attached.
 * Not paint-contained: a containment per row's duration gave every frame of the page
 * one more paint chunk to layerize, for no saving (BENCHMARKS.md, 22:50).
 */
const shown = new Map<HTMLElement, number>();
let timer: ReturnType<typeof setInterval> | undefined;

function paint(el: HTMLElement, joinedAt: number, now: number): void {
  const text = formatDuration((now - joinedAt) / 1000);
  if (el.textContent !== text) el.textContent = text;
}

function tick(): void {
  const now = Date.now();
  for (const [el, joinedAt] of shown) paint(el, joinedAt, now);
}

/** Shows `joinedAt`'s duration in `el` from now on; returns the function that stops it. */
function track(el: HTMLElement, joinedAt: number): () => void {
  shown.set(el, joinedAt);
  paint(el, joinedAt, Date.now());
  timer ??= setInterval(tick, 1000);
  return () => {
    shown.delete(el);
    if (shown.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export const LiveDuration = memo(function LiveDuration({ joinedAt }: { joinedAt: number }) {
  const ref = useCallback((el: HTMLSpanElement | null) => (el ? track(el, joinedAt) : undefined), [joinedAt]);
  return <span ref={ref} className="inline-block font-mono tabular-nums" />;
});
