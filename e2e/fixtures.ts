/**
 * Playwright fixtures for the specs: import `test` and `expect` from here.
 *
 * - `adminPage`, `moderatorPage`, `supportPage`: the test's page, signed in as
 *   that demo user. The session comes from one sign-in per worker and role
 *   (next-auth's credentials endpoint, see `apiAs`), so a test does not pay for
 *   the sign-in form; e2e/auth.spec.ts covers the form itself. The page has not
 *   navigated yet. One role per test: a second person needs a second context.
 * - `apiAs(role)`: an API request context signed in as that demo user, shared by
 *   the worker's tests (do not dispose it). It sends no Origin header, so
 *   mutations pass `headers: { origin: BASE_URL }`.
 * - `room(prefix, participants)`: a room in the emulator under a conference id
 *   no other test uses; everyone in it hangs up after the test.
 * - `fault(spec)`: injects an emulator fault and returns its remover; a fault not
 *   used up is removed after the test (tests run in two workers against one
 *   emulator, so nobody clears every fault).
 * - Every answer a test's browser context, its `request` and the apiAs contexts get
 *   is kept for the secrets scan (e2e/answers.ts, e2e/secrets.spec.ts), and each /api
 *   answer is checked against the OpenAPI document (e2e/api-conformance.ts): a test
 *   whose answers do not match it fails at its end, naming the path, status and error.
 */
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import type { Role } from "../lib/auth/permissions";
import type { ParticipantSpec, ParticipantView } from "../lib/sinch/emulator/state";
import type { NewFault } from "../lib/sinch/emulator/testing/http";
import { AnswerRecorder } from "./answers";
import { apiConformance } from "./api-conformance";
import { BASE_URL, demoUser, emulator, signInApi, uniqueConferenceId } from "./helpers";

export { expect };

export interface Room {
  id: string;
  participants: ParticipantView[];
  /** The participant with this number. */
  by(cli: string): ParticipantView;
}

export type NewRoom = (
  prefix: string,
  participants: ParticipantSpec[],
  /** A given conference id instead of a unique one made from the prefix. */
  id?: string,
) => Promise<Room>;

interface TestFixtures {
  adminPage: Page;
  moderatorPage: Page;
  supportPage: Page;
  room: NewRoom;
  fault: (spec: NewFault) => Promise<() => Promise<void>>;
  recordAnswers: void;
}

interface WorkerFixtures {
  apiAs: (role: Role) => Promise<APIRequestContext>;
  conformanceReport: void;
}

/** Which role each test page was signed in as, to refuse a second role on the same page. */
const pageRoles = new WeakMap<Page, Role>();

function signedInPage(role: Role) {
  return async (
    { page, apiAs }: { page: Page; apiAs: WorkerFixtures["apiAs"] },
    provide: (page: Page) => Promise<void>,
  ): Promise<void> => {
    const already = pageRoles.get(page);
    if (already && already !== role) throw new Error(`this test's page is already signed in as ${already}`);
    pageRoles.set(page, role);
    const { cookies } = await (await apiAs(role)).storageState();
    await page.context().addCookies(cookies);
    await provide(page);
  };
}

// The fixture callback is named `provide`, not Playwright's usual `use`: the React hooks lint rule reads `use` as a hook.
export const test = base.extend<TestFixtures, WorkerFixtures>({
  apiAs: [
    async ({ playwright }, provide, workerInfo) => {
      const contexts = new Map<Role, Promise<APIRequestContext>>();
      const answers = new AnswerRecorder();
      await provide((role) => {
        let ctx = contexts.get(role);
        if (!ctx) {
          ctx = (async () => {
            const request = await playwright.request.newContext({ baseURL: BASE_URL });
            const u = demoUser(role);
            try {
              await signInApi(request, u.email, u.password);
            } catch (error) {
              // A failed sign-in is not remembered: the next test tries again.
              contexts.delete(role);
              await request.dispose();
              throw error;
            }
            return answers.wrap(request);
          })();
          contexts.set(role, ctx);
        }
        return ctx;
      });
      await answers.flush(`api-${process.pid}-${workerInfo.workerIndex}`);
      for (const ctx of contexts.values()) await ctx.then((c) => c.dispose()).catch(() => undefined);
    },
    { scope: "worker" },
  ],

  conformanceReport: [
    async ({}, provide, workerInfo) => {
      await provide();
      apiConformance.report(`worker-${process.pid}-${workerInfo.workerIndex}`);
    },
    { scope: "worker", auto: true },
  ],

  request: async ({ request }, provide, testInfo) => {
    const answers = new AnswerRecorder();
    await provide(answers.wrap(request));
    await answers.flush(`request-${testInfo.testId}-${testInfo.retry}`);
  },

  recordAnswers: [
    async ({ context }, provide, testInfo) => {
      const answers = new AnswerRecorder();
      const seen = apiConformance.problems.length;
      answers.watch(context);
      await provide();
      await answers.flush(`page-${testInfo.testId}-${testInfo.retry}`);
      // The apiAs contexts are the worker's: their answers of this test are checked here too.
      await apiConformance.settle();
      const problems = apiConformance.problems.slice(seen);
      if (problems.length) {
        throw new Error(`Answers that do not match /api/openapi.json:\n${[...new Set(problems)].join("\n")}`);
      }
    },
    { auto: true },
  ],

  adminPage: signedInPage("admin"),
  moderatorPage: signedInPage("moderator"),
  supportPage: signedInPage("support"),

  room: async ({}, provide) => {
    const made: string[] = [];
    await provide(async (prefix, participants, id = uniqueConferenceId(prefix)) => {
      made.push(id);
      // Joined in this order, a little apart, so sorting by duration is predictable.
      const room = await emulator.putRoom(
        id,
        participants.map((p, i) => ({ durationSeconds: Math.max(1, 600 - i * 30), ...p })),
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
    });
    for (const id of made) await emulator.hangUpRoom(id);
  },

  fault: async ({}, provide) => {
    const added: string[] = [];
    await provide(async (spec) => {
      const { id } = await emulator.addFault(spec);
      added.push(id);
      return async () => {
        await emulator.removeFault(id);
      };
    });
    // False (404) when it was used up or removed already.
    for (const id of added) await emulator.removeFault(id);
  },
});
