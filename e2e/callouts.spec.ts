/**
 * Callouts as support staff and admins place them: each form's exact wire body,
 * following calls to their end (the emulator's busy, unanswered and failing numbers),
 * Retry, dialing a list, refusing what cannot be dialled (in the form and in the API),
 * placing one call for a double submission, and who may place what.
 *
 * The e2e server has two caller IDs (+12025550100, +46701234567), default country US,
 * and rings for 300 ms.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { LoggedRequest } from "../lib/sinch/emulator/request-log";
import type { ErrorEnvelope } from "../lib/api/errors";
import type { PlaceCalloutResponse } from "../lib/callouts/contract";
import type { ConferenceLive, ConferenceSummary } from "../lib/conferences/schemas";
import { expect as baseExpect, test } from "./fixtures";
import { BASE_URL, emulator, signIn, uniqueConferenceId } from "./helpers";

const enc = encodeURIComponent;

// These tests wait for calls to ring and be followed (polled every second); on a busy
// shared machine a page can take a while, so they get more time than the defaults.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

/** The callouts Sinch (the emulator) received, matching a predicate on the body. */
async function calloutsSent(
  match: (body: Record<string, Record<string, unknown>>) => boolean,
): Promise<LoggedRequest[]> {
  const all = await emulator.requests(0);
  return all.filter(
    (r) =>
      r.method === "POST" &&
      r.decodedPath === "/calling/v1/callouts" &&
      match(r.body as Record<string, Record<string, unknown>>),
  );
}

const intoConference = (conferenceId: string) => (b: Record<string, Record<string, unknown>>) =>
  b.conferenceCallout?.conferenceId === conferenceId;

/** Mutations through the API carry the page's origin (same-origin check). */
const mutation = { origin: BASE_URL };

async function openCallouts(page: Page): Promise<void> {
  await page.goto("/callouts");
  await expect(page.getByRole("heading", { name: "Callouts", level: 1 })).toBeVisible();
}

function row(page: Page, text: string) {
  return page.getByTestId("callout-row").filter({ hasText: text });
}

test("a conference callout sends Sinch exactly what the form says, once, and the callee joins with the label", async ({
  supportPage: page,
}) => {
  const conferenceId = uniqueConferenceId("co-form");
  await openCallouts(page);

  await page.getByLabel("Phone number").fill("(202) 555-0143");
  await expect(page.getByText("Will dial +1 202 555 0143")).toBeVisible();
  await page.getByLabel("Conference ID").fill(conferenceId);
  await page.getByLabel("Display label").fill("Alice (Legal)");
  await page.getByLabel("Caller ID").selectOption("+46701234567");
  await page.getByLabel("PIN digits").fill("1234#");
  await page.getByText("Advanced", { exact: true }).click();
  await page.getByLabel("Greeting").fill("Welcome to the board call");
  await page.getByLabel("Locale").fill("en-GB");
  await page.getByLabel("Music while alone").selectOption("music2");
  await page.getByLabel("Maximum duration (seconds)").fill("3600");
  await page.getByLabel("Digits in the room").selectOption("detect");
  await page.getByLabel("Max digits").fill("2");
  await page.getByLabel("Digit timeout (ms)").fill("4000");
  await page.getByRole("button", { name: "Call", exact: true }).click();

  await expect(page.getByText(`Calling +1 202 555 0143 into ${conferenceId}`)).toBeVisible();
  // The form is ready for the next person into the same conference.
  await expect(page.getByLabel("Phone number")).toHaveValue("");
  await expect(page.getByLabel("Conference ID")).toHaveValue(conferenceId);

  const sent = await calloutsSent(intoConference(conferenceId));
  expect(sent).toHaveLength(1);
  expect(sent[0]!.authScheme).toBe("signed");
  expect(sent[0]!.body).toEqual({
    method: "conferenceCallout",
    conferenceCallout: {
      destination: { type: "number", endpoint: "+12025550143" },
      conferenceId,
      cli: "+46701234567",
      custom: "Alice (Legal)",
      dtmf: "1234#",
      greeting: "Welcome to the board call",
      locale: "en-GB",
      mohClass: "music2",
      maxDuration: 3600,
      conferenceDtmfOptions: { mode: "detect", maxDigits: 2, timeoutMills: 4000 },
    },
  });

  const placed = row(page, conferenceId);
  await expect(placed.getByTestId("callout-state")).toHaveText("Joined");
  await expect(placed).toContainText("Alice (Legal)");
  await expect(placed).toContainText("ANSWERED / N/A");

  // The participant's row carries the label.
  const live = await page.request.get(`/api/conferences/${enc(conferenceId)}/participants`);
  const body = (await live.json()) as ConferenceLive;
  expect(body.participants).toEqual([expect.objectContaining({ cli: "+12025550143", label: "Alice (Legal)" })]);
  // And the conference is in Gavel's list.
  const list = (await (await page.request.get("/api/conferences")).json()) as { conferences: ConferenceSummary[] };
  expect(list.conferences.find((c) => c.conferenceId === conferenceId)?.source).toBe("callout");
});

test("a text-to-speech callout sends the text, caller ID and locale, counts characters, and ends when spoken", async ({
  supportPage: page,
}) => {
  const text = `The board call moved to 3 pm (${uniqueConferenceId("tts")}).`;
  await openCallouts(page);
  await page.getByRole("tab", { name: "Text-to-speech" }).click();
  await page.getByLabel("Phone number").fill("+44 20 7946 0018");
  await page.getByLabel("Caller ID").selectOption("+12025550100");
  await page.getByLabel("Locale").fill("sv-SE");
  await page.getByLabel("Message").fill(text);
  await expect(page.getByTestId("char-count")).toHaveText(`${text.length} / 600`);
  await page.getByRole("button", { name: "Call and speak" }).click();
  await expect(page.getByText("Calling +44 20 7946 0018")).toBeVisible();

  const sent = await calloutsSent((b) => b.ttsCallout?.text === text);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.body).toEqual({
    method: "ttsCallout",
    ttsCallout: {
      destination: { type: "number", endpoint: "+442079460018" },
      cli: "+12025550100",
      locale: "sv-SE",
      text,
    },
  });
  const placed = page.getByTestId("callout-row").filter({ hasText: "+44 20 7946 0018" }).first();
  await expect(placed.getByTestId("callout-state")).toHaveText("Ended", { timeout: 15_000 });
  await expect(placed).toContainText("ANSWERED / CALLERHANGUP");
});

test("an admin's custom callout sends compact SVAML and URLs as given; its connectConf puts the callee in the room with the label", async ({
  adminPage: page,
}) => {
  const conferenceId = uniqueConferenceId("co-custom");
  const username = `bob-${Date.now().toString(36)}`;
  await openCallouts(page);
  await page.getByRole("tab", { name: "Custom" }).click();
  await page.getByText("App user", { exact: true }).click();
  await expect(page.getByRole("radio", { name: "App user" })).toBeChecked();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Display label").fill("Bob");
  // The form starts from a template whose ice joins a conference.
  const ice = page.getByLabel("ICE", { exact: true });
  await expect(ice).toHaveValue(/"connectConf"/);
  await ice.fill(`{\n  "action": {\n    "name": "connectConf",\n    "conferenceId": "${conferenceId}"\n  }\n}`);
  await page.getByLabel("ACE", { exact: true }).fill("https://example.com/sinch/ace");
  await page.getByRole("button", { name: "Place custom callout" }).click();
  await expect(page.getByText(`Calling ${username} into ${conferenceId}`)).toBeVisible();

  const sent = await calloutsSent(
    (b) => (b.customCallout?.destination as { endpoint?: string } | undefined)?.endpoint === username,
  );
  expect(sent).toHaveLength(1);
  expect(sent[0]!.body).toEqual({
    method: "customCallout",
    customCallout: {
      destination: { type: "username", endpoint: username },
      custom: "Bob",
      ice: `{"action":{"name":"connectConf","conferenceId":"${conferenceId}"}}`,
      ace: "https://example.com/sinch/ace",
    },
  });
  await expect(row(page, username).getByTestId("callout-state")).toHaveText("Joined");
  const live = (await (
    await page.request.get(`/api/conferences/${enc(conferenceId)}/participants`)
  ).json()) as ConferenceLive;
  expect(live.participants).toEqual([expect.objectContaining({ cli: username, label: "Bob" })]);
});

test("busy, unanswered and failing numbers end in their state on screen, and Retry calls once more", async ({
  supportPage: page,
}) => {
  const conferenceId = uniqueConferenceId("co-outcomes");
  await openCallouts(page);
  for (const n of ["+44 20 7946 0486", "+44 20 7946 0408", "+44 20 7946 0500"]) {
    await page.getByLabel("Phone number").fill(n);
    await page.getByLabel("Conference ID").fill(conferenceId);
    await page.getByRole("button", { name: "Call", exact: true }).click();
    await expect(page.getByLabel("Phone number")).toHaveValue("");
  }
  await page.getByLabel("In conference").fill(conferenceId);
  await expect(page.getByTestId("callout-row")).toHaveCount(3);

  const busy = row(page, "+44 20 7946 0486");
  const noAnswer = row(page, "+44 20 7946 0408");
  const failed = row(page, "+44 20 7946 0500");
  await expect(busy.getByTestId("callout-state")).toHaveText("Busy");
  await expect(busy).toContainText("BUSY / N/A");
  await expect(noAnswer.getByTestId("callout-state")).toHaveText("No answer");
  await expect(noAnswer).toContainText("No answer: timed out");
  await expect(failed.getByTestId("callout-state")).toHaveText("Failed");
  await expect(failed).toContainText("FAILED / GENERALERROR");

  const busyBody = (b: Record<string, Record<string, unknown>>) =>
    intoConference(conferenceId)(b) &&
    (b.conferenceCallout?.destination as { endpoint: string }).endpoint === "+442079460486";
  expect(await calloutsSent(busyBody)).toHaveLength(1);
  await busy.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Calling +44 20 7946 0486 again")).toBeVisible();
  await expect(page.getByTestId("callout-row")).toHaveCount(4);
  const retries = await calloutsSent(busyBody);
  expect(retries).toHaveLength(2);
  expect(retries[1]!.body).toEqual(retries[0]!.body);
  await expect(row(page, "+44 20 7946 0486").getByTestId("callout-state")).toHaveText(["Busy", "Busy"]);
});

test("a list of 20 numbers with one malformed and one busy dials 18 in, reports the two, and the busy one can be retried", async ({
  supportPage: page,
}) => {
  const conferenceId = uniqueConferenceId("co-list");
  const numbers = Array.from({ length: 18 }, (_, i) => `+1 202 555 01${String(i).padStart(2, "0")}`);
  const lines = [
    "number,label",
    ...numbers.slice(0, 9).map((n, i) => `${n},"Guest ${i + 1}"`),
    "555-CALL-NOW,Typo",
    "+44 20 7946 0486,Busy person",
    ...numbers.slice(9).map((n, i) => `${n},"Guest ${i + 10}"`),
  ];
  await openCallouts(page);
  await page.getByRole("tab", { name: "Dial a list" }).click();
  await page.getByLabel("Conference ID").fill(conferenceId);
  await page.getByLabel("Numbers").fill(lines.join("\n"));
  const preview = page.getByTestId("dial-list-preview");
  await expect(preview).toContainText("19 to dial, 1 cannot be dialled");
  await expect(preview).toContainText("Line 11: 555-CALL-NOW letters are not allowed in a phone number");
  await page.getByRole("button", { name: "Dial 19 numbers" }).click();

  const summary = page.getByTestId("dial-list-summary");
  await expect(summary).toHaveText(`Into ${conferenceId}: 18 joined, 1 not connected, 1 invalid`, { timeout: 20_000 });
  const listLines = page.getByTestId("dial-list-line");
  await expect(listLines).toHaveCount(20);
  await expect(listLines.filter({ hasText: "555-CALL-NOW" })).toHaveAttribute("data-state", "invalid");
  await expect(listLines.filter({ hasText: "Busy person" })).toHaveAttribute("data-state", "busy");
  await expect(listLines.filter({ hasText: "Guest 18" })).toHaveAttribute("data-state", "joined");

  expect(await calloutsSent(intoConference(conferenceId))).toHaveLength(19);
  expect((await emulator.room(conferenceId))?.participants).toHaveLength(18);

  await page.getByRole("button", { name: "Retry failed (1)" }).click();
  await expect.poll(async () => (await calloutsSent(intoConference(conferenceId))).length).toBe(20);
  await expect(summary).toHaveText(`Into ${conferenceId}: 18 joined, 1 not connected, 1 invalid`, { timeout: 10_000 });
  const sent = await calloutsSent(intoConference(conferenceId));
  expect(sent[19]!.body).toEqual({
    method: "conferenceCallout",
    conferenceCallout: {
      destination: { type: "number", endpoint: "+442079460486" },
      conferenceId,
      custom: "Busy person",
    },
  });
  await expect(page.getByRole("button", { name: "Retry failed (1)" })).toBeVisible();
});

test("what cannot be dialled is refused in the form, before anything is sent", async ({ adminPage: page }) => {
  const conferenceId = uniqueConferenceId("co-invalid");
  await openCallouts(page);
  await page.getByLabel("Conference ID").fill(conferenceId);
  const number = page.getByLabel("Phone number");
  const call = page.getByRole("button", { name: "Call", exact: true });
  for (const [typed, says] of [
    ["0708 123 456", "not a valid number for US"],
    ["+999 123", "unknown country code +999"],
    ["call me maybe", "letters are not allowed in a phone number"],
  ] as const) {
    await number.fill(typed);
    await call.click();
    await expect(page.getByRole("alert").filter({ hasText: says })).toBeVisible();
    await expect(number).toHaveAttribute("aria-invalid", "true");
    await expect(number).toBeFocused();
  }
  expect(await calloutsSent(intoConference(conferenceId))).toHaveLength(0);

  await page.getByRole("tab", { name: "Text-to-speech" }).click();
  await page.getByLabel("Phone number").fill("+44 20 7946 0018");
  await page.getByLabel("Message").fill("x".repeat(601));
  await expect(page.getByTestId("char-count")).toHaveText("601 / 600 (1 too many)");
  await page.getByRole("button", { name: "Call and speak" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "must be at most 600 characters (it has 601)" }),
  ).toBeVisible();
  expect(await calloutsSent((b) => b.ttsCallout?.text === "x".repeat(601))).toHaveLength(0);

  await page.getByRole("tab", { name: "Custom" }).click();
  await page.getByLabel("Phone number").fill("+44 20 7946 0018");
  await page.getByLabel("ICE", { exact: true }).fill('{"action": {"name": "connectConf",}');
  await page.getByRole("button", { name: "Place custom callout" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "is not valid JSON" })).toBeVisible();
});

test("the API refuses the same input with a 400 that names the field", async ({ apiAs }) => {
  const admin = await apiAs("admin");
  const conferenceId = uniqueConferenceId("co-api-invalid");
  const conference = (endpoint: string) => ({
    type: "conference",
    destination: { type: "number", endpoint },
    conferenceId,
  });
  const cases: [unknown, string][] = [
    [conference("0708 123 456"), "destination.endpoint: not a valid number for US"],
    [conference("+999 123"), "destination.endpoint: unknown country code +999"],
    [conference("call me maybe"), "destination.endpoint: letters are not allowed in a phone number"],
    [
      { type: "tts", destination: { type: "number", endpoint: "+442079460018" }, text: "x".repeat(601) },
      "text: must be at most 600 characters (it has 601)",
    ],
    [
      {
        type: "custom",
        destination: { type: "number", endpoint: "+442079460018" },
        ice: '{"action": {"name": "connectConf",}',
      },
      "ice: is not valid JSON",
    ],
    [{ ...conference("+12025550143"), cli: "+15555550123" }, "cli: must be one of the configured caller IDs"],
    [{ type: "fax" }, 'type: must be "conference", "tts" or "custom"'],
  ];
  for (const [body, message] of cases) {
    const res = await admin.post("/api/callouts", { data: body, headers: mutation });
    expect(res.status(), JSON.stringify(body).slice(0, 80)).toBe(400);
    const error = ((await res.json()) as ErrorEnvelope).error;
    expect(error.code).toBe("validation_failed");
    expect(error.message.startsWith(message), `${error.message} should start with ${message}`).toBe(true);
  }
  expect(await calloutsSent(intoConference(conferenceId))).toHaveLength(0);
});

test("one idempotency key places one call: repeated, concurrent, and through the header", async ({ apiAs }) => {
  const support = await apiAs("support");
  const conferenceId = uniqueConferenceId("co-idem");
  const body = {
    type: "conference",
    destination: { type: "number", endpoint: "+12025550143" },
    conferenceId,
    idempotencyKey: "e2e-key-" + conferenceId,
  };

  const first = await support.post("/api/callouts", { data: body, headers: mutation });
  expect(first.status()).toBe(200);
  const again = await support.post("/api/callouts", { data: body, headers: mutation });
  const a = (await first.json()) as PlaceCalloutResponse;
  const b = (await again.json()) as PlaceCalloutResponse;
  expect(a.replayed).toBe(false);
  expect(b).toMatchObject({ replayed: true, callout: { id: a.callout.id } });
  expect(await calloutsSent(intoConference(conferenceId))).toHaveLength(1);

  // Two at once, the key in the header: one call, both answers name it.
  const raced = uniqueConferenceId("co-race");
  const racedBody = { ...body, conferenceId: raced, idempotencyKey: undefined };
  const headers = { ...mutation, "idempotency-key": "e2e-race-" + raced };
  const [r1, r2] = await Promise.all([
    support.post("/api/callouts", { data: racedBody, headers }),
    support.post("/api/callouts", { data: racedBody, headers }),
  ]);
  expect([r1.status(), r2.status()]).toEqual([200, 200]);
  const j1 = (await r1.json()) as PlaceCalloutResponse;
  const j2 = (await r2.json()) as PlaceCalloutResponse;
  expect(j1.callout.id).toBe(j2.callout.id);
  expect([j1.replayed, j2.replayed].sort()).toEqual([false, true]);
  expect(j2.callout.state).not.toBe("placing");
  expect(await calloutsSent(intoConference(raced))).toHaveLength(1);

  // The same key for another callout is a conflict, not a silent replay.
  const other = await support.post("/api/callouts", {
    data: { ...body, destination: { type: "number", endpoint: "+12025550144" } },
    headers: mutation,
  });
  expect(other.status()).toBe(409);
  expect(((await other.json()) as ErrorEnvelope).error.message).toMatch(/^idempotencyKey: /);
});

test("double-clicking Call places one call", async ({ supportPage: page }) => {
  const conferenceId = uniqueConferenceId("co-dblclick");
  await openCallouts(page);
  await page.getByLabel("Phone number").fill("+1 202 555 0150");
  await page.getByLabel("Conference ID").fill(conferenceId);
  await page.getByRole("button", { name: "Call", exact: true }).dblclick();
  await expect(page.getByText(`Calling +1 202 555 0150 into ${conferenceId}`)).toBeVisible();
  await expect(row(page, conferenceId).getByTestId("callout-state")).toHaveText("Joined");
  expect(await calloutsSent(intoConference(conferenceId))).toHaveLength(1);
  await expect(row(page, conferenceId)).toHaveCount(1);
});

test("support may place conference and TTS callouts but not custom ones; moderators have no callouts page", async ({
  supportPage: page,
  apiAs,
}) => {
  const support = await apiAs("support");
  const conferenceId = uniqueConferenceId("co-roles");
  const custom = await support.post("/api/callouts", {
    data: {
      type: "custom",
      destination: { type: "number", endpoint: "+12025550143" },
      ice: `{"action":{"name":"connectConf","conferenceId":"${conferenceId}"}}`,
    },
    headers: mutation,
  });
  expect(custom.status()).toBe(403);
  expect(((await custom.json()) as ErrorEnvelope).error.message).toBe("Only admins can place custom (SVAML) callouts.");
  expect(
    await calloutsSent((b) => typeof b.customCallout?.ice === "string" && b.customCallout.ice.includes(conferenceId)),
  ).toHaveLength(0);
  const tts = await support.post("/api/callouts", {
    data: { type: "tts", destination: { type: "number", endpoint: "+12025550143" }, text: "Roles test" },
    headers: mutation,
  });
  expect(tts.status()).toBe(200);

  await openCallouts(page);
  const customTab = page.getByRole("tab", { name: "Custom" });
  await expect(customTab).toBeDisabled();
  await expect(page.locator("[data-disabled-reason]").filter({ has: customTab })).toHaveAttribute(
    "data-disabled-reason",
    "Only admins can place custom (SVAML) callouts",
  );

  // Leave the callouts page first: with its session gone, its own next poll would
  // send it to the sign-in page, aborting the navigation below.
  await page.goto("about:blank");
  await page.context().clearCookies();
  await signIn(page, "moderator", "/callouts");
  await expect(page).toHaveURL(`${BASE_URL}/`);
  await expect(page.getByRole("link", { name: "Callouts" })).toHaveCount(0);
});

test("a conference callout shows as a dialing row until the callee joins, then as their row with the label", async ({
  supportPage: page,
  apiAs,
}) => {
  const conferenceId = uniqueConferenceId("co-ghost");
  const support = await apiAs("support");
  await emulator.patchSettings({ ringMs: 3000 });
  try {
    await page.goto(`/conferences/${enc(conferenceId)}`);
    await page.getByRole("button", { name: "Dial in" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel("Conference ID")).toHaveValue(conferenceId);
    await dialog.getByLabel("Phone number").fill("+1 202 555 0160");
    await dialog.getByLabel("Display label").fill("Carol (Finance)");
    await dialog.getByRole("button", { name: "Call", exact: true }).click();
    await expect(dialog).toBeHidden();

    const ghost = page.getByTestId("dialing-row").filter({ hasText: "+1 202 555 0160" });
    await expect(ghost.getByTestId("callout-state")).toHaveText("Dialing");
    await expect(ghost).toContainText("Carol (Finance)");
    const participant = page.getByTestId("participant-row").filter({ hasText: "Carol (Finance)" });
    await expect(participant).toBeVisible({ timeout: 15_000 });
    await expect(ghost).toHaveCount(0);

    // An unanswered call stays as a ghost with its outcome and a Retry.
    const r = await support.post("/api/callouts", {
      data: {
        type: "conference",
        destination: { type: "number", endpoint: "+442079460408" },
        conferenceId,
        label: "Dave",
      },
      headers: mutation,
    });
    expect(r.status()).toBe(200);
    const unanswered = page.getByTestId("dialing-row").filter({ hasText: "Dave" });
    await expect(unanswered.getByTestId("callout-state")).toHaveText("Dialing");
    await expect(unanswered.getByTestId("callout-state")).toHaveText("No answer", { timeout: 20_000 });
    await unanswered.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByTestId("dialing-row").filter({ hasText: "Dave" }).getByTestId("callout-state")).toHaveText(
      "Dialing",
    );
    expect(
      await calloutsSent(
        (b) =>
          intoConference(conferenceId)(b) &&
          (b.conferenceCallout?.destination as { endpoint: string }).endpoint === "+442079460408",
      ),
    ).toHaveLength(2);
  } finally {
    await emulator.patchSettings({ ringMs: 300 });
  }
});

test("screenshots of the callouts page: desktop and 375 px, light and dark", async ({ adminPage: page }) => {
  mkdirSync("test-results/screenshots", { recursive: true });
  await openCallouts(page);
  await page.getByLabel("In conference").fill("");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, size] of [
      ["desktop", { width: 1280, height: 900 }],
      ["mobile", { width: 375, height: 800 }],
    ] as const) {
      await page.setViewportSize(size);
      await page.getByRole("tab", { name: "Conference" }).click();
      await page.getByText("Advanced", { exact: true }).click();
      await page.screenshot({ path: `test-results/screenshots/callouts-${name}-${scheme}.png`, fullPage: true });
      await page.getByText("Advanced", { exact: true }).click();
      await page.getByRole("tab", { name: "Dial a list" }).click();
      await page.screenshot({ path: `test-results/screenshots/callouts-list-${name}-${scheme}.png`, fullPage: false });
    }
  }
});
