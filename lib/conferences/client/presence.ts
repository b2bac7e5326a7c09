/**
 * The console's join and leave awareness: feeds each polled list to the tracker
 * (../presence.ts) and sends each throttled announcement to the screen reader and
 * the opted-in cues. The live query itself keeps polling, more slowly, while the
 * tab is hidden (live-backoff.ts), so a join still reaches the tab's title and a
 * notification; "Left recently" follows the live list on its own
 * (lib/attendance/client/follow-live.ts).
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useDocumentVisible } from "../../ui/client/use-document-visible";
import { formatNumber } from "../format";
import { AnnounceThrottle, PresenceTracker, type PresenceView } from "../presence";
import type { LiveParticipant } from "../types";
import { notifyDesktop, playCue } from "./presence-cues";
import type { PresencePrefs } from "./presence-prefs";
import type { LiveSnapshot } from "./queries";

/** How a participant is named in an announcement: their label (the one their row shows), else their number. */
export function presenceName(p: Pick<LiveParticipant, "label" | "cli">): string {
  return p.label?.trim() || formatNumber(p.cli);
}

const NOBODY: PresenceView = { joinedIds: new Set(), change: { seq: 0, joined: [], left: [] }, joinedWhileHidden: 0 };

export interface Presence {
  joinedIds: ReadonlySet<string>;
  /** The latest sentence for the polite live region ("Ann joined."). */
  announcement: string;
  joinedWhileHidden: number;
}

export function usePresence(
  conferenceId: string,
  conferenceName: string,
  live: LiveSnapshot | undefined,
  prefs: PresencePrefs,
): Presence {
  const visible = useDocumentVisible();
  const [tracker] = useState(() => new PresenceTracker());
  const view = useMemo(
    () => (live ? tracker.update(live.participants, live.receivedAt, visible) : NOBODY),
    [tracker, live, visible],
  );

  const [throttle] = useState(() => new AnnounceThrottle());
  const [announcement, setAnnouncement] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { change } = view;

  // Read when an announcement goes out, without making a preference change re-announce.
  const cues = useRef({ prefs, conferenceName });
  useEffect(() => {
    cues.current = { prefs, conferenceName };
  });

  // The change last handed to the throttle: an effect run again for the same change (React's
  // development double run) schedules again but does not announce twice.
  const handled = useRef(0);
  useEffect(() => {
    if (change.seq !== handled.current) {
      handled.current = change.seq;
      throttle.add(change.joined.map(presenceName), change.left.map(presenceName));
    }
    // One timer at a time lets out what waits, at most once per ANNOUNCE_GAP_MS.
    const schedule = () => {
      const due = throttle.dueAt();
      if (timer.current !== undefined || due === null) return;
      timer.current = setTimeout(
        () => {
          timer.current = undefined;
          const a = throttle.take(Date.now());
          if (a) {
            setAnnouncement(a.text);
            const { prefs: now, conferenceName: title } = cues.current;
            if (now.sound) playCue(a.joined > 0 ? "join" : "leave");
            if (now.desktop && document.visibilityState === "hidden") {
              notifyDesktop(title, a.text, `gavel-presence-${conferenceId}`);
            }
          }
          schedule();
        },
        Math.max(0, due - Date.now()),
      );
    };
    schedule();
  }, [change, throttle, conferenceId]);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    [],
  );

  return { joinedIds: view.joinedIds, announcement, joinedWhileHidden: view.joinedWhileHidden };
}
