/**
 * The moderation console, driven as a person would (clicks, keys), with every
 * command checked on Sinch's side through the emulator's control API.
 */
import { expect, test } from "./fixtures";
import { emulator, uniqueConferenceId } from "./helpers";
import { NUMBERS, conferencePath, emulatorParticipant, expectEmulator, fmt, openConsole, row } from "./console-helpers";

const [A, B, C, D] = NUMBERS;

test.describe("participant controls", () => {
  test("mute and unmute reach Sinch, and the row shows it at once", async ({ moderatorPage: page, room }) => {
    const conf = await room("mute", [{ cli: A }, { cli: B }]);
    await openConsole(page, conf.id, 2);

    await page.getByRole("button", { name: `Mute ${fmt(A)}`, exact: true }).click();
    await expect(page.getByRole("button", { name: `Unmute ${fmt(A)}`, exact: true })).toBeVisible();
    await expect(row(page, A).getByText("Muted", { exact: true })).toBeVisible();
    await expectEmulator(conf.id, conf.by(A).callId, { muted: true });
    await expectEmulator(conf.id, conf.by(B).callId, { muted: false });
    await expect(page.getByTestId("count-muted")).toContainText("1");

    await page.getByRole("button", { name: `Unmute ${fmt(A)}`, exact: true }).click();
    await expect(page.getByRole("button", { name: `Mute ${fmt(A)}`, exact: true })).toBeVisible();
    await expectEmulator(conf.id, conf.by(A).callId, { muted: false });
  });

  test("hold with each music choice, then resume; the last choice is remembered", async ({
    moderatorPage: page,
    room,
  }) => {
    const conf = await room("hold", [{ cli: A }]);
    const callId = conf.by(A).callId;
    await openConsole(page, conf.id, 1);

    const choices = [
      ["Ring tone", "ring"],
      ["Music 1", "music1"],
      ["Music 2", "music2"],
      ["Music 3", "music3"],
    ] as const;
    for (const [label, moh] of choices) {
      await page.getByRole("button", { name: `Hold music for ${fmt(A)}`, exact: true }).click();
      await page.getByRole("menuitemradio", { name: label, exact: true }).click();
      await expect(page.getByRole("button", { name: `Resume ${fmt(A)}`, exact: true })).toBeVisible();
      await expectEmulator(conf.id, callId, { onhold: true, moh });

      await page.getByRole("button", { name: `Resume ${fmt(A)}`, exact: true }).click();
      await expect(page.getByRole("button", { name: `Hold ${fmt(A)}`, exact: true })).toBeVisible();
      await expectEmulator(conf.id, callId, { onhold: false });
    }

    // The plain Hold button uses the last choice (Music 3), also after a reload.
    await page.reload();
    await expect(page.getByTestId("participant-row")).toHaveCount(1);
    await page.getByRole("button", { name: `Hold ${fmt(A)}`, exact: true }).click();
    await expectEmulator(conf.id, callId, { onhold: true, moh: "music3" });
    expect(await page.evaluate(() => localStorage.getItem("gavel-hold-music"))).toBe("music3");
  });

  test("the On hold badge and the timeline name the music Gavel held with; a hold from outside Gavel names none", async ({
    moderatorPage: page,
    room,
  }) => {
    // B is on hold before Gavel ever sees the room: Sinch does not say with which music.
    const conf = await room("hold-music", [{ cli: A }, { cli: B, onhold: true, moh: "music3" }]);
    await openConsole(page, conf.id, 2);
    await expect(row(page, B).getByTestId("hold-badge")).toHaveText("On hold");

    await page.getByRole("button", { name: `Hold music for ${fmt(A)}`, exact: true }).click();
    await page.getByRole("menuitemradio", { name: "Music 2", exact: true }).click();
    await expectEmulator(conf.id, conf.by(A).callId, { onhold: true, moh: "music2" });
    await expect(row(page, A).getByTestId("hold-badge")).toHaveText("On hold · Music 2");

    // After a reload the music comes from the server (Gavel's audited command), not this page's memory.
    await page.reload();
    await expect(page.getByTestId("participant-row")).toHaveCount(2);
    await expect(row(page, A).getByTestId("hold-badge")).toHaveText("On hold · Music 2");
    await expect(row(page, B).getByTestId("hold-badge")).toHaveText("On hold");
    const timeline = page.getByTestId("conference-timeline");
    await expect(
      timeline.getByTestId("timeline-event").filter({ hasText: `put on hold ${fmt(A)} with Music 2` }),
    ).toHaveCount(1);

    // Resumed: the badge goes with the hold.
    await page.getByRole("button", { name: `Resume ${fmt(A)}`, exact: true }).click();
    await expectEmulator(conf.id, conf.by(A).callId, { onhold: false });
    await expect(row(page, A).getByTestId("hold-badge")).toHaveCount(0);
    // This page's own command is on its timeline once answered, without a join or leave
    // or the slow re-read (lib/attendance/client/follow-live.ts).
    await expect(timeline.getByTestId("timeline-event").filter({ hasText: `took off hold ${fmt(A)}` })).toHaveCount(1);
  });

  test("kick asks first, naming the number and the conference, and sends the reason", async ({
    moderatorPage: page,
    room,
  }) => {
    const conf = await room("kick", [{ cli: A }, { cli: B }]);
    await openConsole(page, conf.id, 2);

    await page.getByRole("button", { name: `Kick ${fmt(B)}`, exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(fmt(B));
    await expect(dialog).toContainText(conf.id);
    // Cancel leaves them in the call.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    expect(await emulatorParticipant(conf.id, conf.by(B).callId)).not.toBeNull();

    await page.getByRole("button", { name: `Kick ${fmt(B)}`, exact: true }).click();
    await dialog.getByLabel(/Reason/).fill("Background noise");
    await dialog.getByRole("button", { name: "Kick", exact: true }).click();
    await expect(row(page, B)).toHaveCount(0);
    await expectEmulator(conf.id, conf.by(B).callId, "gone");
    await expectEmulator(conf.id, conf.by(A).callId, { muted: false });
    await expect(page.getByTestId("count-participants")).toContainText("1");
  });

  test("a failed command rolls the row back and shows the error with its request id", async ({
    moderatorPage: page,
    room,
    fault,
  }) => {
    const conf = await room("fail", [{ cli: A }, { cli: B }]);
    const callId = conf.by(A).callId;
    await openConsole(page, conf.id, 2);
    await fault({
      match: { operation: "manageParticipant", path: callId },
      count: 1,
      fault: { type: "status", status: 503, errorCode: 50300, message: "Conference media server is restarting" },
    });
    await page.getByRole("button", { name: `Mute ${fmt(A)}`, exact: true }).click();
    const toast = page.locator("[data-sonner-toast]").filter({ hasText: `Could not mute ${fmt(A)}` });
    await expect(toast).toContainText("Conference media server is restarting");
    await expect(toast.getByTestId("request-id")).toHaveText(/^[0-9a-f-]{36}$/);
    // Rolled back: the row offers Mute again and Sinch never muted them.
    await expect(page.getByRole("button", { name: `Mute ${fmt(A)}`, exact: true })).toBeVisible();
    await expect(row(page, A).getByText("Muted", { exact: true })).toHaveCount(0);
    expect((await emulatorParticipant(conf.id, callId))?.muted).toBe(false);
  });

  test("failed polls keep the list, mark it stale with the reason, and recover", async ({
    moderatorPage: page,
    room,
    fault,
  }) => {
    const conf = await room("stale", [{ cli: A }, { cli: B }]);
    await openConsole(page, conf.id, 2);
    // Gavel's Sinch client retries a GET up to 3 times on 503: inject plenty.
    const remove = await fault({
      match: { operation: "getConference", path: conf.id },
      count: 40,
      fault: { type: "status", status: 503, errorCode: 50300, message: "Conference service overloaded" },
    });
    try {
      const status = page.getByTestId("live-status");
      await expect(status).toHaveAttribute("data-state", "stale", { timeout: 20_000 });
      await expect(status).toContainText("Stale:");
      await expect(status).toContainText("Conference service overloaded");
      // Never blank: the last list is still there.
      await expect(page.getByTestId("participant-row")).toHaveCount(2);
      // The tab says so too, for someone looking at another tab.
      await expect(page).toHaveTitle(`Stale: (2) ${conf.id} · Gavel`);
    } finally {
      await remove();
    }
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 15_000 });
    await expect(page.getByTestId("live-status")).toContainText("updated");
    await expect(page).toHaveTitle(`(2) ${conf.id} · Gavel`);
  });

  test("durations tick between polls", async ({ moderatorPage: page, room }) => {
    const conf = await room("tick", [{ cli: A, durationSeconds: 3725 }]);
    await openConsole(page, conf.id, 1);
    // h:mm:ss from an hour on (the machine may be slow, so only the shape is checked).
    await expect(row(page, A)).toContainText(/\b1:0\d:\d\d/);
    const first = await row(page, A).locator(".font-mono.tabular-nums").textContent();
    await expect.poll(async () => row(page, A).locator(".font-mono.tabular-nums").textContent()).not.toBe(first);
  });
});

test.describe("bulk actions", () => {
  test("mute selected rows in one request", async ({ moderatorPage: page, room }) => {
    const conf = await room("bulk", [{ cli: A }, { cli: B }, { cli: C }]);
    await openConsole(page, conf.id, 3);
    const since = await emulator.lastSeq();

    await page.getByRole("checkbox", { name: `Select ${fmt(A)}`, exact: true }).check();
    await page.getByRole("checkbox", { name: `Select ${fmt(C)}`, exact: true }).check();
    await expect(page.getByTestId("selection-count")).toHaveText("2 selected");
    await page.getByRole("button", { name: "Mute selected", exact: true }).click();
    await expect(page.getByTestId("bulk-summary")).toHaveText(/2 muted/);

    await expectEmulator(conf.id, conf.by(A).callId, { muted: true });
    await expectEmulator(conf.id, conf.by(C).callId, { muted: true });
    await expectEmulator(conf.id, conf.by(B).callId, { muted: false });
    const commands = (await emulator.requests(since)).filter(
      (r) => r.operation === "manageParticipant" && r.decodedPath.includes(conf.id),
    );
    expect(commands).toHaveLength(2);
  });

  test("a bulk mute with one failure reports it, and Retry failed sends only that one", async ({
    moderatorPage: page,
    room,
    fault,
  }) => {
    const conf = await room("bulkfail", [{ cli: A }, { cli: B }, { cli: C }]);
    const failing = conf.by(B).callId;
    await openConsole(page, conf.id, 3);
    await fault({
      match: { operation: "manageParticipant", path: failing },
      count: 1,
      fault: { type: "status", status: 503, errorCode: 50300, message: "Media server busy" },
    });
    await page.getByRole("checkbox", { name: "Select all", exact: true }).check();
    await page.getByRole("button", { name: "Mute selected", exact: true }).click();
    const summary = page.getByTestId("bulk-summary");
    await expect(summary).toContainText(`2 muted, 1 failed: ${fmt(B)}`);
    await expect(summary).toContainText("Media server busy");
    await expectEmulator(conf.id, conf.by(A).callId, { muted: true });
    await expectEmulator(conf.id, conf.by(C).callId, { muted: true });
    expect((await emulatorParticipant(conf.id, failing))?.muted).toBe(false);
    // The failed row was rolled back.
    await expect(page.getByRole("button", { name: `Mute ${fmt(B)}`, exact: true })).toBeVisible();

    const since = await emulator.lastSeq();
    await summary.getByRole("button", { name: "Retry failed" }).click();
    await expect(summary).toHaveText(/^\s*1 muted\s*$/);
    await expectEmulator(conf.id, failing, { muted: true });
    const retried = (await emulator.requests(since)).filter((r) => r.operation === "manageParticipant");
    expect(retried.filter((r) => r.decodedPath.includes(conf.id)).map((r) => r.decodedPath)).toEqual([
      expect.stringContaining(failing),
    ]);
  });

  test("a bulk mute while Sinch answers 429 with Retry-After waits and mutes every row", async ({
    moderatorPage: page,
    room,
    fault,
  }) => {
    const conf = await room("bulk429", [{ cli: A }, { cli: B }, { cli: C }]);
    await openConsole(page, conf.id, 3);
    await fault({
      match: { operation: "manageParticipant", path: conf.by(B).callId },
      count: 1,
      fault: { type: "status", status: 429, errorCode: 42900, message: "Too many requests", retryAfter: 1 },
    });
    const since = await emulator.lastSeq();
    await page.getByRole("checkbox", { name: "Select all", exact: true }).check();
    await page.getByRole("button", { name: "Mute selected", exact: true }).click();
    await expect(page.getByTestId("bulk-summary")).toHaveText(/^\s*3 muted\s*$/);
    for (const cli of [A, B, C]) await expectEmulator(conf.id, conf.by(cli).callId, { muted: true });
    const toB = (await emulator.requests(since)).filter(
      (r) => r.operation === "manageParticipant" && r.decodedPath.includes(conf.by(B).callId),
    );
    expect(toB.map((r) => r.status)).toEqual([429, 200]);
  });

  test("Select all then unticking rows holds everyone except them, with the chosen music", async ({
    moderatorPage: page,
    room,
  }) => {
    const conf = await room("bulkall", [{ cli: A }, { cli: B }, { cli: C }, { cli: D }]);
    await openConsole(page, conf.id, 4);

    await page.getByRole("checkbox", { name: "Select all", exact: true }).check();
    await page.getByRole("checkbox", { name: `Select ${fmt(B)}`, exact: true }).uncheck();
    await expect(page.getByTestId("selection-count")).toContainText("3 selected");
    await page.getByRole("button", { name: "Hold music for selected" }).click();
    await page.getByRole("menuitemradio", { name: "Music 2" }).click();
    await expect(page.getByTestId("bulk-summary")).toContainText("3 put on hold");

    for (const cli of [A, C, D]) await expectEmulator(conf.id, conf.by(cli).callId, { onhold: true, moh: "music2" });
    await expectEmulator(conf.id, conf.by(B).callId, { onhold: false });

    // Resume them all in one go.
    await page.getByRole("radio", { name: /^On hold/ }).click();
    await page.getByRole("checkbox", { name: "Select all shown", exact: true }).check();
    await page.getByRole("button", { name: "Resume selected", exact: true }).click();
    await expect(page.getByTestId("bulk-summary")).toContainText("3 resumed");
    for (const cli of [A, C, D]) await expectEmulator(conf.id, conf.by(cli).callId, { onhold: false });
  });

  test("bulk unmute and bulk kick (confirmed first)", async ({ moderatorPage: page, room }) => {
    const conf = await room("bulkkick", [{ cli: A, muted: true }, { cli: B, muted: true }, { cli: C }]);
    await openConsole(page, conf.id, 3);

    await page.getByRole("checkbox", { name: `Select ${fmt(A)}`, exact: true }).check();
    await page.getByRole("checkbox", { name: `Select ${fmt(B)}`, exact: true }).check();
    await page.getByRole("button", { name: "Unmute selected", exact: true }).click();
    await expect(page.getByTestId("bulk-summary")).toContainText("2 unmuted");
    await expectEmulator(conf.id, conf.by(A).callId, { muted: false });
    await expectEmulator(conf.id, conf.by(B).callId, { muted: false });

    await page.getByRole("checkbox", { name: `Select ${fmt(A)}`, exact: true }).check();
    await page.getByRole("checkbox", { name: `Select ${fmt(C)}`, exact: true }).check();
    await page.getByRole("button", { name: "Kick selected", exact: true }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("2 participants");
    await expect(dialog).toContainText(conf.id);
    await dialog.getByRole("button", { name: "Kick 2" }).click();
    await expect(page.getByTestId("bulk-summary")).toContainText("2 removed");
    await expectEmulator(conf.id, conf.by(A).callId, "gone");
    await expectEmulator(conf.id, conf.by(C).callId, "gone");
    expect(await emulatorParticipant(conf.id, conf.by(B).callId)).not.toBeNull();
  });
});

test.describe("end meeting", () => {
  test("the confirmation shows the live count; afterwards the room is empty", async ({ adminPage: page, room }) => {
    const conf = await room("endall", [{ cli: A }, { cli: B }, { cli: C }]);
    await openConsole(page, conf.id, 3);
    // Someone joins while the page is open: the count follows.
    await emulator.addParticipant(conf.id, { cli: D });
    await expect(page.getByTestId("participant-row")).toHaveCount(4);

    await page.getByRole("button", { name: "End meeting" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(`Remove all 4 participants from ${conf.id}?`);
    await dialog.getByRole("button", { name: "Remove all 4" }).click();
    await expect(page.getByTestId("kick-all-summary")).toContainText("Meeting ended: 4 participants removed.");
    await expect
      .poll(async () => (await emulator.room(conf.id))?.participants.length ?? 0, { timeout: 10_000 })
      .toBe(0);
    await expect(page.getByTestId("empty-conference")).toBeVisible();
  });
});

test.describe("roles", () => {
  test("a moderator controls participants but cannot end the meeting", async ({ moderatorPage: page, room }) => {
    const conf = await room("role-mod", [{ cli: A }]);
    await openConsole(page, conf.id, 1);
    for (const name of [`Mute ${fmt(A)}`, `Hold ${fmt(A)}`, `Hold music for ${fmt(A)}`, `Kick ${fmt(A)}`]) {
      await expect(page.getByRole("button", { name, exact: true })).toBeEnabled();
    }
    await expect(page.getByRole("checkbox", { name: `Select ${fmt(A)}` })).toBeEnabled();
    await expect(page.getByRole("checkbox", { name: "Select all", exact: true })).toBeVisible();
    const end = page.getByRole("button", { name: "End meeting" });
    await expect(end).toBeDisabled();
    await page.locator('[data-disabled-reason="Only admins can end a meeting (kick all)"]').focus();
    await expect(page.getByRole("tooltip")).toHaveText("Only admins can end a meeting (kick all)");
  });

  test("support sees the controls disabled, with the reason on focus, and keys refuse politely", async ({
    supportPage: page,
    room,
  }) => {
    const conf = await room("role-sup", [{ cli: A }]);
    await openConsole(page, conf.id, 1);
    for (const name of [`Mute ${fmt(A)}`, `Hold ${fmt(A)}`, `Hold music for ${fmt(A)}`, `Kick ${fmt(A)}`]) {
      await expect(page.getByRole("button", { name, exact: true })).toBeDisabled();
    }
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "End meeting" })).toBeDisabled();

    // The reason is reachable by keyboard: tab onto the wrapper of the disabled Mute.
    const reason = "Only moderators and admins can mute, hold or kick participants";
    await row(page, A).locator(`[data-disabled-reason="${reason}"]`).first().focus();
    await expect(page.getByRole("tooltip")).toHaveText(reason);

    // Renaming and pinning are for everyone.
    await expect(page.getByRole("button", { name: `Pin ${conf.id}` })).toBeEnabled();

    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("j");
    await page.keyboard.press("m");
    await expect(page.locator("[data-sonner-toast]").filter({ hasText: reason })).toBeVisible();
    expect((await emulatorParticipant(conf.id, conf.by(A).callId))?.muted).toBe(false);
  });

  test("an admin has every control, End meeting included", async ({ adminPage: page, room }) => {
    const conf = await room("role-adm", [{ cli: A }]);
    await openConsole(page, conf.id, 1);
    for (const name of [`Mute ${fmt(A)}`, `Hold ${fmt(A)}`, `Hold music for ${fmt(A)}`, `Kick ${fmt(A)}`]) {
      await expect(page.getByRole("button", { name, exact: true })).toBeEnabled();
    }
    await expect(page.getByRole("checkbox", { name: `Select ${fmt(A)}` })).toBeEnabled();
    await expect(page.getByRole("button", { name: "End meeting" })).toBeEnabled();
    await expect(page.locator("[data-disabled-reason]")).toHaveCount(0);
  });
});

test.describe("finding and moving", () => {
  test("keyboard: / searches, j/k move, m mutes, h holds, r resumes, x kicks, ? lists the keys", async ({
    moderatorPage: page,
    room,
  }) => {
    const conf = await room("keys", [{ cli: A }, { cli: B }, { cli: C }]);
    await openConsole(page, conf.id, 3);

    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await expect(row(page, B)).toHaveAttribute("data-focused", "true");
    await page.keyboard.press("k");
    await expect(row(page, A)).toHaveAttribute("data-focused", "true");
    await page.keyboard.press("j");

    await page.keyboard.press("m");
    await expectEmulator(conf.id, conf.by(B).callId, { muted: true });
    await page.keyboard.press("m");
    await expectEmulator(conf.id, conf.by(B).callId, { muted: false });

    await page.evaluate(() => localStorage.setItem("gavel-hold-music", "ring"));
    await page.keyboard.press("h");
    await expectEmulator(conf.id, conf.by(B).callId, { onhold: true });
    await page.keyboard.press("r");
    await expectEmulator(conf.id, conf.by(B).callId, { onhold: false });

    await page.keyboard.press("x");
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText(fmt(B));
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await page.keyboard.press("Escape");

    // Typing in the search box never triggers a command.
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search participants" })).toBeFocused();
    await page.keyboard.type("mx");
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    expect((await emulatorParticipant(conf.id, conf.by(B).callId))?.muted).toBe(false);
  });

  test("search by number or call ID, filter chips with counts, and sorting", async ({ moderatorPage: page, room }) => {
    const conf = await room("find", [
      { cli: A, muted: true, durationSeconds: 100 },
      { cli: B, durationSeconds: 900 },
      { cli: C, onhold: true, moh: "music1", durationSeconds: 500 },
    ]);
    await openConsole(page, conf.id, 3);

    await expect(page.getByRole("radio", { name: /^All/ })).toContainText("3");
    await expect(page.getByRole("radio", { name: /^Unmuted/ })).toContainText("2");
    await expect(page.getByRole("radio", { name: /^Muted/ })).toContainText("1");
    await expect(page.getByRole("radio", { name: /^On hold/ })).toContainText("1");

    await page.getByRole("radio", { name: /^Muted/ }).click();
    await expect(page.getByTestId("participant-row")).toHaveCount(1);
    await expect(row(page, A)).toBeVisible();
    await page.getByRole("radio", { name: /^All/ }).click();

    const search = page.getByRole("searchbox", { name: "Search participants" });
    await search.fill("7700 900");
    await expect(page.getByTestId("participant-row")).toHaveCount(1);
    await expect(row(page, B)).toBeVisible();
    await search.fill(conf.by(C).callId.slice(0, 8));
    await expect(page.getByTestId("participant-row")).toHaveCount(1);
    await expect(row(page, C)).toBeVisible();
    await search.fill("");

    await page.getByRole("combobox", { name: "Sort" }).click();
    await page.getByRole("option", { name: "Duration" }).click();
    await expect(page.getByTestId("participant-row").first()).toContainText(fmt(B));
    await page.getByRole("combobox", { name: "Sort" }).click();
    await page.getByRole("option", { name: "Number" }).click();
    await expect(page.getByTestId("participant-row").first()).toContainText(fmt(C));
  });
});

test.describe("conference ids and empty rooms", () => {
  test("an id with / % # ? spaces and non-ASCII works, whether opened from the form, a link or the address bar", async ({
    moderatorPage: page,
    room,
  }) => {
    const id = `${uniqueConferenceId("odd")}/50%off #1?ü ok`;
    const conf = await room("", [{ cli: A }], id);
    const encoded = encodeURIComponent(id);
    await page.goto("/");

    // The form (a client-side navigation).
    await page.getByLabel("Open conference").fill(id);
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/conferences/${encoded}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(id);
    await expect(page.getByTestId("participant-row")).toHaveCount(1);
    await page.getByRole("button", { name: `Mute ${fmt(A)}`, exact: true }).click();
    await expectEmulator(conf.id, conf.by(A).callId, { muted: true });

    // A full page load of the same address.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(id);
    // The tab names the decoded id, with the live count once the list arrives.
    await expect(page).toHaveTitle(`(1) ${id} · Gavel`);
    await page.getByRole("button", { name: `Unmute ${fmt(A)}`, exact: true }).click();
    await expectEmulator(conf.id, conf.by(A).callId, { muted: false });

    // It joined the list, and the list's link (client-side again) leads back to it.
    await page.getByRole("link", { name: "Conferences" }).first().click();
    await page.getByRole("link", { name: id, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(id);
    await expect(page.getByTestId("participant-row")).toHaveCount(1);
  });

  test("an unknown conference is an empty state with a hint, not an error", async ({ moderatorPage: page }) => {
    const id = uniqueConferenceId("nobody");
    await page.goto(conferencePath(id));
    await expect(page.getByTestId("empty-conference")).toContainText(
      "Sinch creates a conference room when its first participant joins",
    );
    await expect(page.getByTestId("count-participants")).toContainText("0");
    await expect(page.getByText("Could not load the participants")).toHaveCount(0);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  });

  test("a room everyone left says so, and fills again when someone joins", async ({ moderatorPage: page, room }) => {
    const conf = await room("left", [{ cli: A }]);
    await openConsole(page, conf.id, 1);
    await emulator.hangUp(conf.id, conf.by(A).callId);
    await expect(page.getByTestId("empty-conference")).toContainText("Nobody is connected");
    await emulator.addParticipant(conf.id, { cli: B });
    await expect(row(page, B)).toBeVisible();
  });
});

test.describe("home", () => {
  test("the Open conference field names what is wrong with an id", async ({ supportPage: page }) => {
    await page.goto("/");
    const field = page.getByLabel("Open conference");
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await expect(page.getByText("Enter a conference ID.")).toBeVisible();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await field.fill("x".repeat(65));
    await page.getByRole("button", { name: "Open", exact: true }).click();
    await expect(page.getByText("A conference ID is at most 64 characters; this one has 65.")).toBeVisible();
    await expect(page).toHaveURL(/\/$/);
  });

  test("lists conferences with their counts; rename inline and pin", async ({ moderatorPage: page, room }) => {
    const conf = await room("home", [{ cli: A, muted: true }, { cli: B, onhold: true, moh: "ring" }, { cli: C }]);
    // Looking at it once records its counts.
    await openConsole(page, conf.id, 3);
    await page.goto("/");

    const item = page.getByTestId("conference-item").filter({ hasText: conf.id });
    await expect(item).toContainText(/3\s*connected/);
    await expect(item).toContainText(/1\s*muted/);
    await expect(item).toContainText(/1\s*on hold/);
    await expect(item).toContainText("Connected now");

    // A name no other run has used (the list is shared by every test on this server).
    const name = `Weekly sync ${conf.id.slice(-4)}`;
    await item.getByRole("button", { name: `Rename ${conf.id}` }).click();
    await item.getByLabel(`Display name for ${conf.id}`).fill(name);
    await item.getByLabel(`Display name for ${conf.id}`).press("Enter");
    const named = page.getByTestId("conference-item").filter({ hasText: name });
    await expect(named.getByRole("link", { name, exact: true })).toBeVisible();

    await named.getByRole("button", { name: `Pin ${name}` }).click();
    await expect(named.getByRole("button", { name: `Unpin ${name}` })).toHaveAttribute("aria-pressed", "true");
    // Pinned conferences come first, also after the next refresh.
    await page.reload();
    await expect(page.getByTestId("conference-item").first()).toContainText(name);
    // The name shows on the conference page too.
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

    // Unpin again so other tests' lists are not crowded by this one.
    await page.getByRole("button", { name: `Unpin ${name}` }).click();
    await expect(page.getByRole("button", { name: `Pin ${name}` })).toHaveAttribute("aria-pressed", "false");
  });
});
