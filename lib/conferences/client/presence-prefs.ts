/**
 * Each user's join-and-leave cues, opt-in: a sound, and a desktop notification. Kept
 * in this browser's localStorage under the user's id, not on the server: both cues
 * belong to a device (a sound suits a headset, not a shared wall screen), and the
 * browser's notification permission, without which the desktop setting means
 * nothing, is itself per browser. Another tab of the same user follows at once
 * (the storage event).
 */
import { useCallback, useSyncExternalStore } from "react";

export interface PresencePrefs {
  sound: boolean;
  desktop: boolean;
}

export const NO_CUES: PresencePrefs = { sound: false, desktop: false };

const keyOf = (userId: string) => `gavel.presence-cues.v1:${userId}`;

const listeners = new Set<() => void>();
/** The parsed value per key, so a snapshot stays the same object while the text does. */
const cache = new Map<string, { text: string | null; prefs: PresencePrefs }>();

function read(key: string): PresencePrefs {
  let text: string | null = null;
  try {
    text = window.localStorage.getItem(key);
  } catch {
    // Storage refused (private mode, a policy): no cues, nothing stored.
  }
  const hit = cache.get(key);
  if (hit && hit.text === text) return hit.prefs;
  let prefs = NO_CUES;
  if (text) {
    try {
      const v = JSON.parse(text) as Partial<PresencePrefs>;
      prefs = { sound: v.sound === true, desktop: v.desktop === true };
    } catch {
      prefs = NO_CUES;
    }
  }
  cache.set(key, { text, prefs });
  return prefs;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith("gavel.presence-cues.")) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** This user's cues in this browser, and a setter; no cues before the session is known. */
export function usePresencePrefs(userId: string | undefined): [PresencePrefs, (next: PresencePrefs) => void] {
  const prefs = useSyncExternalStore(
    subscribe,
    () => (userId ? read(keyOf(userId)) : NO_CUES),
    () => NO_CUES,
  );
  const set = useCallback(
    (next: PresencePrefs) => {
      if (!userId) return;
      try {
        window.localStorage.setItem(keyOf(userId), JSON.stringify(next));
      } catch {
        // Not stored; the choice lasts as long as nothing reads it again.
      }
      for (const l of listeners) l();
    },
    [userId],
  );
  return [prefs, set];
}
