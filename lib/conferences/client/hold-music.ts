/**
 * What a participant hears on hold, and the last choice, remembered in this
 * browser (localStorage) and shared by every Hold control and the "h" key.
 */
import { useCallback, useSyncExternalStore } from "react";
import { MOH_CLASSES } from "../../sinch/constants";
import type { MohClass } from "../types";

export { MOH_CLASSES };

export { MOH_LABELS } from "../hold-music";

export const DEFAULT_MOH: MohClass = "music1";
const KEY = "gavel-hold-music";
const listeners = new Set<() => void>();
// Used when localStorage is unavailable (private mode, storage full): lasts until the page closes.
let memory: MohClass = DEFAULT_MOH;

function isMoh(v: unknown): v is MohClass {
  return typeof v === "string" && (MOH_CLASSES as readonly string[]).includes(v);
}

function read(): MohClass {
  try {
    const v = window.localStorage.getItem(KEY);
    return isMoh(v) ? v : memory;
  } catch {
    return memory;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed it.
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** The remembered hold music, and a setter that remembers a new choice. */
export function useHoldMusic(): [MohClass, (moh: MohClass) => void] {
  const moh = useSyncExternalStore(subscribe, read, () => DEFAULT_MOH);
  const set = useCallback((next: MohClass) => {
    memory = next;
    try {
      window.localStorage.setItem(KEY, next);
    } catch {
      // Kept in memory only.
    }
    for (const l of listeners) l();
  }, []);
  return [moh, set];
}
