/**
 * The room the page profile and the page census look at: `rows` participants whose
 * numbers are all in the directory (the browser suite's "500 rows with names"),
 * opened by a signed-in moderator in Chromium against a Gavel build of their own, and
 * one mute or unmute at Sinch per poll window, so every poll brings one changed row.
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { NAMED_FIRST, nameEveryone, openConsole, signedIn } from "./browser";
import { room, sleep } from "./load";
import { direct, sinchConferencePath, type Stack } from "./stack";

export const NAMED_ROOM = "bench-names";

/** What `--only page-profile` and `--only page-census` are given (bench/run.ts). */
export interface NamedRoomBench {
  distDir: string;
  port: number;
  emulatorPort: number;
  rows: number;
  seconds: number;
}

export interface NamedRoom {
  page: Page;
  /** Changes one row per poll window (2 s in the bench's stack) for `ms`. */
  changeOneRowPerPoll(ms: number): Promise<void>;
}

/**
 * Fills the room and opens its console, the page settled past its first answers.
 * `prepare` runs on the browser context before the page opens (init scripts, listeners).
 */
export async function openNamedRoom(
  browser: Browser,
  s: Stack,
  rows: number,
  prepare?: (ctx: BrowserContext) => Promise<unknown>,
): Promise<NamedRoom> {
  await nameEveryone(s, NAMED_FIRST, rows);
  const [changing] = await room(s.emu, NAMED_ROOM, rows, NAMED_FIRST);
  const ctx = await signedIn(browser, s);
  await prepare?.(ctx);
  const page = await ctx.newPage();
  await openConsole(page, s, NAMED_ROOM);
  await page.getByText("Person 1 Benchmark", { exact: true }).first().waitFor({ timeout: 30_000 });
  await sleep(3000); // past the first answers, which overlap the page's first render
  return {
    page,
    async changeOneRowPerPoll(ms) {
      const end = Date.now() + ms;
      for (let k = 0; Date.now() < end; k++) {
        const command = k % 2 === 0 ? "mute" : "unmute";
        await direct(s.emu, "PATCH", `${sinchConferencePath(NAMED_ROOM)}/${changing}`, { command });
        await sleep(2000);
      }
    },
  };
}
