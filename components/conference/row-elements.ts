"use client";
import { useState } from "react";

/**
 * The console's participant rows by call id, registered by each row's own ref: how
 * the keyboard knows which row holds focus and the list finds the row to focus,
 * without searching the document by attribute.
 */
export class RowElements {
  private readonly byId = new Map<string, HTMLElement>();
  private readonly ids = new WeakMap<Element, string>();

  /** Called from a row's ref; returns the ref's cleanup. */
  register(callId: string, el: HTMLElement): () => void {
    this.byId.set(callId, el);
    this.ids.set(el, callId);
    return () => {
      // A remount may have registered a newer element for this call id already.
      if (this.byId.get(callId) === el) this.byId.delete(callId);
      this.ids.delete(el);
    };
  }

  get(callId: string): HTMLElement | null {
    return this.byId.get(callId) ?? null;
  }

  /** The call id of the row that holds `el` (for example the focused button), if any. */
  rowOf(el: Element | null): string | null {
    for (let node = el; node; node = node.parentElement) {
      const id = this.ids.get(node);
      if (id !== undefined) return id;
    }
    return null;
  }
}

/** One RowElements for the life of the console. */
export function useRowElements(): RowElements {
  const [rows] = useState(() => new RowElements());
  return rows;
}
