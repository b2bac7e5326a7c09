/**
 * Issue 10's acceptance for the three outcomes: a command Sinch carries out but
 * answers after Gavel's timeout (the emulator's `lateAnswer`, longer than the e2e
 * server's SINCH_TIMEOUT_MS of 1.5 s) is answered 202 `outcome: "unknown"`, the page
 * shows "not confirmed yet" (no failure toast), and within 15 s of the command taking
 * effect Gavel's reconciliation confirms it: the page shows the confirmed state and
 * the audit entry of that request id has the final outcome `succeeded`. A command
 * that is never carried out (`hang`, past the timeout) is also 202 at first, and
 * then `failed`, which the page says. Each is checked in the emulator's state too.
 *
 * For mute, hold, kick, kick all (End meeting) and a conference callout (Dial in).
 */
import type { APIRequestContext, Page, Response, Route } from "@playwright/test";
import type { AuditEntryView } from "../lib/audit/schemas";
import type { ParticipantView } from "../lib/sinch/emulator/state";
import type { Operation } from "../lib/sinch/emulator/faults";
import { emulatorParticipant, expectEmulator, fmt, NUMBERS, openConsole, row } from "./console-helpers";
import { expect, test, type Room } from "./fixtures";
import { emulator, uniqueConferenceId } from "./helpers";

const [A, B] = NUMBERS;
const enc = encodeURIComponent;

/** Longer than the e2e server's SINCH_TIMEOUT_MS (playwright.config.ts): Sinch answers after Gavel gave up. */
const LATE_MS = 3000;
/** The acceptance's bound: confirmed within 15 s of the command taking effect. */
const CONFIRM_WITHIN_MS = 15_000;
/** "Not applied" is decided after three poll windows once Sinch answers again: generous on a busy machine. */
const NOT_APPLIED_WITHIN_MS = 45_000;

/** What is left of the 15 s counted from when the command left the page (it takes effect at once). */
const remaining = (since: number) => Math.max(1_000, CONFIRM_WITHIN_MS - (Date.now() - since));

let admin: APIRequestContext;
test.beforeAll(async ({ apiAs }) => {
  admin = await apiAs("admin");
});

/** The 202 a command is answered with when Sinch did not answer in time: its request id. */
async function expectUnknown(response: Response): Promise<string> {
  expect(response.status(), `${response.request().method()} ${response.url()}`).toBe(202);
  const body = (await response.json()) as { outcome?: string; requestId?: string; message?: string };
  expect(body.outcome).toBe("unknown");
  expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(body.message).toBeTruthy();
  return body.requestId!;
}

/** The final outcome the audit trail holds for a request id (read as admin), per action prefix. */
async function auditOutcome(requestId: string, action: RegExp): Promise<string | undefined> {
  const res = await admin.get(`/api/audit?requestId=${enc(requestId)}`);
  expect(res.status()).toBe(200);
  const { entries } = (await res.json()) as { entries: AuditEntryView[] };
  return entries.find((e) => e.requestId === requestId && action.test(e.action))?.outcome;
}

async function expectAudit(requestId: string, action: RegExp, outcome: "succeeded" | "failed", timeout: number) {
  await expect
    .poll(() => auditOutcome(requestId, action), { timeout, message: `audit outcome of ${requestId}` })
    .toBe(outcome);
}

/**
 * Holds the page's polls of the live list until released. Reconciliation may confirm
 * a late command by the very next poll, so "not confirmed yet" could be on screen
 * too briefly to observe; with the polls held, the page must show it until released.
 */
async function holdPolls(page: Page): Promise<() => Promise<void>> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const pattern = /\/api\/conferences\/[^/]+\/participants(\?|$)/;
  const handler = async (route: Route) => {
    if (route.request().method() !== "GET") return route.fallback();
    await gate;
    // The page may have given up on this poll meanwhile (a newer one replaced it).
    await route.continue().catch(() => undefined);
  };
  await page.route(pattern, handler);
  return async () => {
    release();
    await page.unroute(pattern, handler);
  };
}

/** No toast says the command failed while its outcome is unknown. */
async function expectNoFailureToast(page: Page): Promise<void> {
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: /Could not|did not apply/ })).toHaveCount(0);
}

function failureToast(page: Page, text: string) {
  return page.locator("[data-sonner-toast]").filter({ hasText: text });
}

const isCommand = (method: string, conferenceId: string, callId: string) => (r: Response) =>
  r.request().method() === method &&
  r.url().includes(`/api/conferences/${enc(conferenceId)}/participants/${enc(callId)}`);

interface SingleCase {
  name: "mute" | "hold" | "kick";
  operation: Operation;
  method: "PATCH" | "DELETE";
  audit: RegExp;
  act(page: Page): Promise<void>;
  /** The emulator's participant once the command is carried out. */
  done: Partial<Pick<ParticipantView, "muted" | "onhold">> | "gone";
  /** The page shows the command confirmed. */
  expectConfirmed(page: Page, timeout: number): Promise<void>;
  /** The page shows the row as Sinch has it (the command not applied). */
  expectNotApplied(page: Page): Promise<void>;
}

const SINGLE: SingleCase[] = [
  {
    name: "mute",
    operation: "manageParticipant",
    method: "PATCH",
    audit: /^participant\.mute$/,
    act: (page) => page.getByRole("button", { name: `Mute ${fmt(A)}`, exact: true }).click(),
    done: { muted: true },
    expectConfirmed: async (page, timeout) => {
      await expect(row(page, A).getByTestId("row-confirmed")).toBeVisible({ timeout });
      await expect(row(page, A).getByText("Muted", { exact: true })).toBeVisible();
    },
    expectNotApplied: async (page) => {
      await expect(page.getByRole("button", { name: `Mute ${fmt(A)}`, exact: true })).toBeVisible();
      await expect(row(page, A).getByText("Muted", { exact: true })).toHaveCount(0);
    },
  },
  {
    name: "hold",
    operation: "manageParticipant",
    method: "PATCH",
    audit: /^participant\.hold$/,
    act: (page) => page.getByRole("button", { name: `Hold ${fmt(A)}`, exact: true }).click(),
    done: { onhold: true },
    expectConfirmed: async (page, timeout) => {
      await expect(row(page, A).getByTestId("row-confirmed")).toBeVisible({ timeout });
      // The badge names the music Gavel's hold asked for ("On hold · Music 1").
      await expect(row(page, A).getByTestId("hold-badge")).toHaveText(/^On hold/);
    },
    expectNotApplied: async (page) => {
      await expect(page.getByRole("button", { name: `Hold ${fmt(A)}`, exact: true })).toBeVisible();
      await expect(row(page, A).getByTestId("hold-badge")).toHaveCount(0);
    },
  },
  {
    name: "kick",
    operation: "kickParticipant",
    method: "DELETE",
    audit: /^participant\.kick$/,
    act: async (page) => {
      await page.getByRole("button", { name: `Kick ${fmt(A)}`, exact: true }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Kick", exact: true }).click();
    },
    done: "gone",
    expectConfirmed: async (page, timeout) => {
      await expect(row(page, A)).toHaveCount(0, { timeout });
      await expect(page.locator("[data-sonner-toast]").filter({ hasText: `${fmt(A)} was removed` })).toBeVisible();
    },
    expectNotApplied: async (page) => {
      await expect(row(page, A)).toBeVisible();
      await expect(row(page, A).getByTestId("row-unconfirmed")).toHaveCount(0);
    },
  },
];

for (const c of SINGLE) {
  test.describe(`${c.name} whose answer is lost`, () => {
    test(`carried out but answered after Gavel's timeout: 202, "not confirmed yet", then confirmed and audited succeeded`, async ({
      moderatorPage: page,
      room,
      fault,
    }) => {
      const conf = await room(`out-${c.name}-late`, [{ cli: A }, { cli: B }]);
      const callId = conf.by(A).callId;
      await openConsole(page, conf.id, 2);
      await fault({
        match: { operation: c.operation, path: callId },
        count: 1,
        fault: { type: "lateAnswer", ms: LATE_MS },
      });
      const answer = page.waitForResponse(isCommand(c.method, conf.id, callId));
      const release = await holdPolls(page);
      const sent = Date.now();
      await c.act(page);
      const requestId = await expectUnknown(await answer);

      // Sinch carried it out at once (the answer is what is late).
      await expectEmulator(conf.id, callId, c.done);
      // Between the 202 and the reconciliation: "not confirmed yet", no failure.
      await expect(row(page, A).getByTestId("row-unconfirmed")).toContainText("Not confirmed yet");
      await expectNoFailureToast(page);
      await release();

      await c.expectConfirmed(page, remaining(sent));
      await expectAudit(requestId, c.audit, "succeeded", remaining(sent));
      await expectNoFailureToast(page);
    });

    test(`never carried out (Sinch hangs past the timeout): 202, "not confirmed yet", then not applied and audited failed`, async ({
      moderatorPage: page,
      room,
      fault,
    }) => {
      const conf = await room(`out-${c.name}-hang`, [{ cli: A }, { cli: B }]);
      const callId = conf.by(A).callId;
      await openConsole(page, conf.id, 2);
      await fault({ match: { operation: c.operation, path: callId }, count: 1, fault: { type: "hang" } });
      const answer = page.waitForResponse(isCommand(c.method, conf.id, callId));
      await c.act(page);
      const requestId = await expectUnknown(await answer);

      // Not a failure yet: the row says Sinch has not confirmed, and no toast says it failed.
      await expect(row(page, A).getByTestId("row-unconfirmed")).toBeVisible();
      await expect(row(page, A).getByTestId("row-unconfirmed")).toContainText("Not confirmed yet");
      await expectNoFailureToast(page);

      // Gavel finds it not applied: a toast offering to try again, the row as Sinch has it.
      const toast = failureToast(page, `Sinch did not apply the ${c.name} of ${fmt(A)}`);
      await expect(toast).toBeVisible({ timeout: NOT_APPLIED_WITHIN_MS });
      await expect(toast.getByRole("button", { name: "Try again" })).toBeVisible();
      await c.expectNotApplied(page);
      await expectAudit(requestId, c.audit, "failed", 10_000);
      const p = await emulatorParticipant(conf.id, callId);
      expect(p).not.toBeNull();
      if (c.done !== "gone")
        for (const [k, v] of Object.entries(c.done)) expect(p![k as keyof ParticipantView]).toBe(!v);
    });
  });
}

/** Ends the meeting through the page and returns End meeting's answer. */
async function endMeeting(page: Page, conf: Room): Promise<Response> {
  const answer = page.waitForResponse(
    (r) => r.request().method() === "DELETE" && r.url().endsWith(`/api/conferences/${enc(conf.id)}`),
  );
  await page.getByRole("button", { name: "End meeting" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove all 2" }).click();
  return answer;
}

test.describe("kick all (End meeting) whose answer is lost", () => {
  test("carried out but answered late: 202, the summary says Gavel is checking, then the room is confirmed empty and audited succeeded", async ({
    adminPage: page,
    room,
    fault,
  }) => {
    const conf = await room("out-end-late", [{ cli: A }, { cli: B }]);
    await openConsole(page, conf.id, 2);
    await fault({
      match: { operation: "kickAll", path: conf.id },
      count: 1,
      fault: { type: "lateAnswer", ms: LATE_MS },
    });
    const release = await holdPolls(page);
    const sent = Date.now();
    const requestId = await expectUnknown(await endMeeting(page, conf));
    await expect.poll(async () => (await emulator.room(conf.id))?.participants.length ?? 0).toBe(0);

    const summary = page.getByTestId("kick-all-summary");
    await expect(summary).toContainText("Sinch has not confirmed yet; Gavel is checking the room");
    await expectNoFailureToast(page);
    await release();
    await expect(summary).toHaveAttribute("data-outcome", "succeeded", { timeout: remaining(sent) });
    await expect(summary).toContainText("Sinch confirmed the room is empty");
    await expect(page.getByTestId("participant-row")).toHaveCount(0);
    await expectAudit(requestId, /^conference\.kick_all$/, "succeeded", remaining(sent));
  });

  test("never carried out: 202, Gavel is checking, then the summary and a toast say Sinch did not end it, audited failed", async ({
    adminPage: page,
    room,
    fault,
  }) => {
    const conf = await room("out-end-hang", [{ cli: A }, { cli: B }]);
    await openConsole(page, conf.id, 2);
    await fault({ match: { operation: "kickAll", path: conf.id }, count: 1, fault: { type: "hang" } });
    const requestId = await expectUnknown(await endMeeting(page, conf));

    const summary = page.getByTestId("kick-all-summary");
    await expect(summary).toContainText("Sinch has not confirmed yet; Gavel is checking the room");
    await expectNoFailureToast(page);
    await expect(summary).toHaveAttribute("data-outcome", "failed", { timeout: NOT_APPLIED_WITHIN_MS });
    await expect(summary).toContainText("Sinch did not end the meeting");
    await expect(failureToast(page, "Sinch did not end the meeting")).toBeVisible();
    await expect(page.getByTestId("participant-row")).toHaveCount(2);
    await expectAudit(requestId, /^conference\.kick_all$/, "failed", 10_000);
    expect((await emulator.room(conf.id))?.participants).toHaveLength(2);
  });
});

/** Places a conference callout through "Dial in" and returns its answer. */
async function dialIn(page: Page, cli: string, label: string): Promise<Response> {
  await page.getByRole("button", { name: "Dial in" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Phone number").fill(cli);
  await dialog.getByLabel("Display label").fill(label);
  const answer = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/api/callouts"));
  await dialog.getByRole("button", { name: "Call", exact: true }).click();
  return answer;
}

// A callout's request path names no conference, so its fault matches the next callout
// any test places: one placed by the other worker in the moment between injecting
// the fault and clicking Call would use it up (the test then fails, it cannot pass wrongly).
test.describe("a conference callout whose answer is lost", () => {
  test("placed but answered late: 202, 'May have been placed', then the callee joins and it is audited succeeded", async ({
    supportPage: page,
    fault,
  }) => {
    const conferenceId = uniqueConferenceId("out-co-late");
    try {
      await openConsole(page, conferenceId, 0);
      await fault({ match: { operation: "placeCallout" }, count: 1, fault: { type: "lateAnswer", ms: LATE_MS } });
      const sent = Date.now();
      const requestId = await expectUnknown(await dialIn(page, "+1 202 555 0171", "Erin"));
      // Sinch placed it: the callee is in the room on Sinch's side.
      await expect
        .poll(async () => (await emulator.room(conferenceId))?.participants.map((p) => p.cli) ?? [])
        .toContain("+12025550171");
      await expectNoFailureToast(page);
      // Confirmed: the number joined, the dialing row gives way to their participant row.
      await expect(page.getByTestId("participant-row").filter({ hasText: "Erin" })).toBeVisible({
        timeout: remaining(sent),
      });
      await expect(page.getByTestId("dialing-row").filter({ hasText: "Erin" })).toHaveCount(0);
      await expectAudit(requestId, /^callout\.conference$/, "succeeded", remaining(sent));
    } finally {
      await emulator.hangUpRoom(conferenceId);
    }
  });

  test("never placed: 202, 'May have been placed' with a Retry that asks first, then not placed and audited failed", async ({
    supportPage: page,
    fault,
  }) => {
    const conferenceId = uniqueConferenceId("out-co-hang");
    await openConsole(page, conferenceId, 0);
    await fault({ match: { operation: "placeCallout" }, count: 1, fault: { type: "hang" } });
    const requestId = await expectUnknown(await dialIn(page, "+1 202 555 0172", "Frank"));

    const ghost = page.getByTestId("dialing-row").filter({ hasText: "Frank" });
    await expect(ghost.getByTestId("callout-state")).toHaveText("May have been placed");
    await expectNoFailureToast(page);
    // Retry is not a plain click: it warns that the phone may ring twice.
    await ghost.getByRole("button", { name: "Retry" }).click();
    const ask = page.getByRole("alertdialog");
    await expect(ask).toContainText("the phone may ring twice");
    await ask.getByRole("button", { name: "Cancel" }).click();

    await expect(ghost.getByTestId("callout-state")).toHaveAttribute("data-state", "failed", {
      timeout: NOT_APPLIED_WITHIN_MS,
    });
    await expectAudit(requestId, /^callout\.conference$/, "failed", 10_000);
    const calls = await emulator.calls();
    expect(calls.filter((call) => call.to?.endpoint === "+12025550172")).toHaveLength(0);
  });
});
