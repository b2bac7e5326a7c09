/**
 * The cues themselves: a short tone (rising for a join, falling for a leave, made
 * with Web Audio, so there is no sound file to fetch) and a desktop notification.
 * Browsers let a page start audio and ask for notification permission only from a
 * person's click: `unlockSound` and `askDesktopPermission` are called from the
 * toggles' click handlers, never on their own.
 */

let audio: AudioContext | null = null;

/** Creates (or resumes) the audio context inside a click, so later cues may play. */
export function unlockSound(): void {
  if (typeof window === "undefined" || typeof window.AudioContext !== "function") return;
  audio ??= new window.AudioContext();
  if (audio.state === "suspended") void audio.resume().catch(() => undefined);
}

/** Plays the cue; silent when audio was never unlocked in this page (a reload asks for one click first). */
export function playCue(kind: "join" | "leave"): void {
  if (!audio) {
    // A page reloaded with sound on: the first click anywhere unlocks it.
    if (typeof window !== "undefined") window.addEventListener("pointerdown", unlockSound, { once: true });
    return;
  }
  if (audio.state !== "running") return;
  const t = audio.currentTime;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  const [from, to] = kind === "join" ? [660, 880] : [660, 440];
  osc.type = "sine";
  osc.frequency.setValueAtTime(from, t);
  osc.frequency.linearRampToValueAtTime(to, t + 0.15);
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.3);
  osc.connect(gain).connect(audio.destination);
  osc.start(t);
  osc.stop(t + 0.32);
}

export type DesktopPermission = NotificationPermission | "unsupported";

export function desktopPermission(): DesktopPermission {
  return typeof window !== "undefined" && "Notification" in window ? Notification.permission : "unsupported";
}

/** Asks the browser (it shows its own prompt the first time); call from a click. */
export async function askDesktopPermission(): Promise<DesktopPermission> {
  if (desktopPermission() === "unsupported") return "unsupported";
  if (Notification.permission !== "default") return Notification.permission;
  return Notification.requestPermission();
}

/** One notification per conference at a time (a newer one replaces it); clicking it brings the tab back. */
export function notifyDesktop(title: string, body: string, tag: string): void {
  if (desktopPermission() !== "granted") return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker: nothing to show then.
  }
}
