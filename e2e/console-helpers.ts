/**
 * Helpers for the moderation console specs: a conference seeded in the emulator
 * with a unique id, opening its page, faults that can be removed one by one (tests
 * run in two workers against one emulator, so nobody clears everything), and
 * waiting for the emulator to reach a state.
 */
import { expect, type Page } from "@playwright/test";
import { formatNumber } from "../lib/conferences/format";
import { EMULATOR_URL, emulator, uniqueConferenceId, type EmulatorParticipant } from "./helpers";

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

export interface Seeded {
  id: string;
  participants: EmulatorParticipant[];
  /** The participant with this number. */
  by(cli: string): EmulatorParticipant;
}

/** A room in the emulator with these participants, in this join order. */
export async function seedConference(
  prefix: string,
  specs: ({ cli: string } & Record<string, unknown>)[],
  id = uniqueConferenceId(prefix),
): Promise<Seeded> {
  const room = await emulator.put(
    id,
    specs.map((s, i) => ({ durationSeconds: Math.max(1, 600 - i * 30), ...s })),
  );
  return {
    id,
    participants: room.participants,
    by(cli) {
      const p = room.participants.find((x) => x.cli === cli);
      if (!p) throw new Error(`no participant ${cli} in ${id}`);
      return p;
    },
  };
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
export async function emulatorParticipant(id: string, callId: string): Promise<EmulatorParticipant | null> {
  const room = await emulator.conference(id);
  return room?.participants.find((p) => p.callId === callId) ?? null;
}

/** Waits until the emulator's participant matches (checks Sinch's side, not the page). */
export async function expectEmulator(
  id: string,
  callId: string,
  expected: Partial<Pick<EmulatorParticipant, "muted" | "onhold" | "moh">> | "gone",
): Promise<void> {
  await expect
    .poll(
      async () => {
        const p = await emulatorParticipant(id, callId);
        if (expected === "gone") return p === null ? "gone" : "present";
        if (!p) return "gone";
        return Object.fromEntries(Object.keys(expected).map((k) => [k, p[k as keyof EmulatorParticipant]]));
      },
      { timeout: 20_000, message: `emulator state of ${callId} in ${id}` },
    )
    .toEqual(expected);
}

/** Adds a fault and returns a function that removes just that fault. */
export async function addFault(fault: Record<string, unknown>): Promise<() => Promise<void>> {
  const res = await fetch(`${EMULATOR_URL}/_emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fault),
  });
  if (!res.ok) throw new Error(`emulator fault: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  return async () => {
    // 404 means it was used up already.
    await fetch(`${EMULATOR_URL}/_emulator/faults/${encodeURIComponent(id)}`, { method: "DELETE" });
  };
}

/** The participant row of a number. */
export function row(page: Page, cli: string) {
  return page.getByTestId("participant-row").filter({ hasText: fmt(cli) });
}
