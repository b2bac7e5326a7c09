/**
 * Helpers for the moderation console specs: numbers that format predictably,
 * opening a conference's page, and waiting for the emulator to reach a state
 * (Sinch's side, not the page's).
 */
import type { Page } from "@playwright/test";
import { formatNumber } from "../lib/conferences/format";
import type { ParticipantView } from "../lib/sinch/emulator/state";
import { expect } from "./fixtures";
import { emulator } from "./helpers";

/** Numbers that format predictably ("+46 70 816 87 31"). */
export const NUMBERS = [
  "+46708168731",
  "+447700900123",
  "+14155550100",
  "+4915112345678",
  "+33612345678",
  "+61412345678",
] as const;

export function fmt(cli: string): string {
  return formatNumber(cli);
}

export function conferencePath(id: string): string {
  return `/conferences/${encodeURIComponent(id)}`;
}

/** Opens the console page of a conference and waits for its first list. */
export async function openConsole(page: Page, id: string, expectRows?: number): Promise<void> {
  await page.goto(conferencePath(id));
  // The first load builds the page and asks Sinch; allow for a busy CI machine.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", /live|stale/, { timeout: 30_000 });
  if (expectRows !== undefined) await expect(page.getByTestId("participant-row")).toHaveCount(expectRows);
}

/** The emulator's view of one participant (null once they have left). */
export async function emulatorParticipant(id: string, callId: string): Promise<ParticipantView | null> {
  const room = await emulator.room(id);
  return room?.participants.find((p) => p.callId === callId) ?? null;
}

/** Waits until the emulator's participant matches (checks Sinch's side, not the page). */
export async function expectEmulator(
  id: string,
  callId: string,
  expected: Partial<Pick<ParticipantView, "muted" | "onhold" | "moh">> | "gone",
): Promise<void> {
  await expect
    .poll(
      async () => {
        const p = await emulatorParticipant(id, callId);
        if (expected === "gone") return p === null ? "gone" : "present";
        if (!p) return "gone";
        return Object.fromEntries(Object.keys(expected).map((k) => [k, p[k as keyof ParticipantView]]));
      },
      { timeout: 20_000, message: `emulator state of ${callId} in ${id}` },
    )
    .toEqual(expected);
}

/** The participant row of a number. */
export function row(page: Page, cli: string) {
  return page.getByTestId("participant-row").filter({ hasText: fmt(cli) });
}
