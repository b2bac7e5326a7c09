"use client";
/**
 * This user's join-and-leave cues, off until they turn them on: a sound, and a
 * desktop notification while the tab is hidden. The browser is asked for notification
 * permission only when the person clicks to turn them on; if it refuses, the toggle
 * stays off and says why. Stored per user in this browser (presence-prefs.ts).
 */
import { Bell, BellOff, Volume2, VolumeX } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import {
  askDesktopPermission,
  playCue,
  unlockSound,
  type DesktopPermission,
} from "@/lib/conferences/client/presence-cues";
import type { PresencePrefs } from "@/lib/conferences/client/presence-prefs";
import { cn } from "@/lib/ui/cn";

const BLOCKED = "Notifications are blocked for Gavel in this browser's site settings";

export function PresenceAlerts({ prefs, onChange }: { prefs: PresencePrefs; onChange: (next: PresencePrefs) => void }) {
  const [asking, setAsking] = useState(false);
  // What the browser allows, read again after each click (it may change in its settings).
  const [permission, setPermission] = useState<DesktopPermission | null>(null);
  const desktopOn = prefs.desktop && (permission ?? "granted") === "granted";
  const unavailable = permission === "unsupported" ? "This browser cannot show desktop notifications" : null;

  const toggleSound = () => {
    const sound = !prefs.sound;
    if (sound) {
      unlockSound();
      playCue("join");
    }
    onChange({ ...prefs, sound });
  };

  const toggleDesktop = async () => {
    if (prefs.desktop) {
      onChange({ ...prefs, desktop: false });
      return;
    }
    setAsking(true);
    const answer = await askDesktopPermission();
    setAsking(false);
    setPermission(answer);
    if (answer === "granted") onChange({ ...prefs, desktop: true });
    else if (answer === "denied") toast.error(BLOCKED);
    else if (answer === "unsupported") toast.error("This browser cannot show desktop notifications");
  };

  const pressed =
    "border-brand-500 bg-brand-50 text-brand-700 dark:border-brand-500 dark:bg-brand-700/25 dark:text-brand-100";
  return (
    <div role="group" aria-label="Join and leave alerts" className="flex items-center gap-1.5">
      <span className="hidden text-xs text-slate-500 sm:inline dark:text-slate-400">Alerts:</span>
      <Button
        size="sm"
        variant="secondary"
        aria-pressed={prefs.sound}
        data-testid="presence-sound"
        title="A short tone when someone joins (rising) or leaves (falling)"
        className={cn(prefs.sound && pressed)}
        onClick={toggleSound}
      >
        {prefs.sound ? <Volume2 aria-hidden className="size-3.5" /> : <VolumeX aria-hidden className="size-3.5" />}
        Sound
      </Button>
      <Button
        size="sm"
        variant="secondary"
        aria-pressed={desktopOn}
        data-testid="presence-desktop"
        disabled={asking || unavailable !== null}
        title={
          unavailable ??
          (permission === "denied"
            ? BLOCKED
            : "A desktop notification when someone joins or leaves while this tab is in the background")
        }
        className={cn(desktopOn && pressed)}
        onClick={() => void toggleDesktop()}
      >
        {desktopOn ? <Bell aria-hidden className="size-3.5" /> : <BellOff aria-hidden className="size-3.5" />}
        Desktop
      </Button>
    </div>
  );
}
