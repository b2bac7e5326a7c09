/**
 * Playwright fixtures for the fleet specs (playwright.fleet.config.ts): import `test`
 * and `expect` from here.
 *
 * - `fleet`: the running fleet (harness.ts), one per worker. The config runs one
 *   worker, so the specs share one fleet in file order; a failed test gets a fresh
 *   worker and so a fresh fleet. Teardown stops every process and drops the database.
 * - `signIn(email)`: an HTTP session through the front door (a Cookie header).
 * - `pageAs(email)`: a new browser page signed in as that account, on the front door.
 */
import { test as base, expect, type Page } from "@playwright/test";
import { signInAt, type Session } from "../http-session";
import { Fleet, FRONT_URL } from "./harness";
import { FLEET_PASSWORD } from "./settings";

export { expect };

interface TestFixtures {
  signIn: (email: string) => Promise<Session>;
  pageAs: (email: string) => Promise<Page>;
}

interface WorkerFixtures {
  fleet: Fleet;
}

// The fixture callback is named `provide`, not `use`: the React hooks lint rule reads `use` as a hook.
export const test = base.extend<TestFixtures, WorkerFixtures>({
  fleet: [
    async ({}, provide) => {
      const fleet = new Fleet();
      try {
        await fleet.start();
        await provide(fleet);
      } finally {
        await fleet.stop();
      }
    },
    // Starting three production servers on a busy 2-core machine takes a while.
    { scope: "worker", timeout: 300_000 },
  ],

  signIn: async ({ fleet }, provide) => {
    void fleet;
    await provide((email) => signInAt(FRONT_URL, email, FLEET_PASSWORD));
  },

  pageAs: async ({ browser, signIn }, provide) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await provide(async (email) => {
      const session = await signIn(email);
      const context = await browser.newContext({ baseURL: FRONT_URL });
      contexts.push(context);
      const [name, ...value] = session.cookie.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url: FRONT_URL }]);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

/** Waits until `ready` holds, asking every 250 ms (a condition, not a sleep). */
export async function until(what: string, ready: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  await expect.poll(async () => await ready(), { message: what, timeout: timeoutMs, intervals: [250] }).toBe(true);
}
