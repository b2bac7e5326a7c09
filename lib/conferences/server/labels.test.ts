/**
 * Names on the live list: the directory's name for each number is read once per
 * fetch (one contactsByNumber for the whole list, however many viewers), a list
 * still comes back when the directory cannot be read, and "Name this number" with
 * the room's id makes the room's next answer carry the name at once, where a name
 * changed elsewhere shows from the next poll window. Against the emulator over real
 * HTTP and both database engines.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditContext } from "../../audit/server/record";
import * as contacts from "../../db/contacts";
import { startEmulator, type RunningEmulator } from "../../sinch/emulator";
import { SinchClient } from "../../sinch/server/client";
import { engines, type TestTarget } from "../../testing/db-engines";
import { releaseProcessDb, useProcessDb } from "../../testing/process-db";
import { createLiveCache } from "./live-cache";
import { labelsFor, withDirectoryNames } from "./labels";

vi.mock("../../db/contacts", async (original) => {
  const real = await original<typeof import("../../db/contacts")>();
  return { ...real, contactsByNumber: vi.fn(real.contactsByNumber) };
});
const byNumber = vi.mocked(contacts.contactsByNumber);

const KEY = "5D9A1F2E-7B4D-4E8A-9F1C-2D3E4F5A6B7C";
const SECRET = Buffer.from("labels-test-secret").toString("base64");
const WINDOW = 2000;
const ctx: AuditContext = {
  actor: { id: "u-mod", email: "mod@gavel.test", role: "moderator" },
  requestId: "name-1",
  clientAddress: "10.0.0.3",
};

let emu: RunningEmulator;
let client: SinchClient;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, applicationKey: KEY, applicationSecret: SECRET });
  client = new SinchClient({
    applicationKey: KEY,
    applicationSecret: SECRET,
    baseUrl: emu.url,
    retry: { maxRetries: 0 },
  });
});
afterAll(async () => {
  await emu?.close();
});

let seq = 0;
/** A room of `n` dial-ins with numbers no other test uses. */
function room(n: number) {
  const id = `names-${++seq}-${Date.now()}`;
  const base = 46_730_000_000 + seq * 1000;
  const clis = Array.from({ length: n }, (_, i) => `+${base + i}`);
  emu.state.putRoom(
    id,
    clis.map((cli) => ({ cli })),
  );
  return { id, clis };
}

/** The cache as live.ts wires it, with a clock the test moves. */
function harness() {
  let now = 1_000_000;
  const cache = createLiveCache({
    fetchParticipants: async (id) => withDirectoryNames(await client.getConference(id)),
    labels: labelsFor,
    subscribers: [],
    windowMs: () => WINDOW,
    now: () => now,
  });
  return { cache, advance: (ms: number) => void (now += ms) };
}

describe.each(engines)("$name", (engine) => {
  describe.skipIf(engine.skip)("directory names on the live list", () => {
    let t: TestTarget;
    beforeAll(async () => {
      t = await engine.fresh();
      await useProcessDb(t, {
        SINCH_APPLICATION_KEY: KEY,
        SINCH_APPLICATION_SECRET: SECRET,
        SINCH_BASE_URL: emu.url,
        SINCH_AUTH: "signed",
        GAVEL_DEFAULT_COUNTRY: "SE",
        GAVEL_POLL_INTERVAL_MS: "10000",
      });
    });
    afterAll(async () => {
      await releaseProcessDb();
      await t?.dispose();
    });
    beforeEach(() => {
      byNumber.mockClear();
    });

    it("reads every number's name in one query per fetch, not per viewer", async () => {
      const { id, clis } = room(300);
      const db = await (await import("../../db")).db();
      await contacts.createContact(db, { name: "Ann Example", numbers: [clis[7]!], organisation: null, notes: null });
      await contacts.createContact(db, { name: "Bo Other", numbers: [clis[299]!], organisation: null, notes: null });
      const { cache } = harness();
      const answers = await Promise.all(Array.from({ length: 5 }, () => cache.get(id)));
      expect(byNumber).toHaveBeenCalledTimes(1);
      expect(byNumber.mock.calls[0]?.[1]).toHaveLength(300);
      const live = answers[0]!;
      expect(live.participants.find((p) => p.cli === clis[7])?.name).toBe("Ann Example");
      expect(live.participants.find((p) => p.cli === clis[299])?.name).toBe("Bo Other");
      expect(live.participants.filter((p) => p.name === null)).toHaveLength(298);
    });

    it("shows a name changed in the directory from the next poll window", async () => {
      const { id, clis } = room(2);
      const db = await (await import("../../db")).db();
      const { cache, advance } = harness();
      expect((await cache.get(id)).participants.map((p) => p.name)).toEqual([null, null]);
      await contacts.createContact(db, { name: "Late Name", numbers: [clis[1]!], organisation: null, notes: null });
      // Within the window the answer is the cached one...
      expect((await cache.get(id)).participants.map((p) => p.name)).toEqual([null, null]);
      advance(WINDOW);
      // ...and the next window's fetch reads the directory again.
      expect((await cache.get(id)).participants.map((p) => p.name)).toEqual([null, "Late Name"]);
    });

    it("answers the list without names when the directory cannot be read", async () => {
      const { id } = room(2);
      byNumber.mockRejectedValueOnce(new Error("directory down"));
      const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
      const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
      const live = await harness().cache.get(id);
      expect(live.participants.map((p) => p.name)).toEqual([null, null]);
      expect([...errors.mock.calls, ...log.mock.calls].map(String).join("\n")).toContain("live_names_failed");
      errors.mockRestore();
      log.mockRestore();
    });

    it("naming a number from the room relabels the room's next answer at once, and is audited", async () => {
      const { getLive } = await import("./live");
      const { nameNumber } = await import("../../directory/server/name-number");
      const { id, clis } = room(2);
      expect((await getLive(id)).participants.map((p) => p.name)).toEqual([null, null]);

      const made = await nameNumber(ctx, { number: clis[0]!, name: "Cara Caller", conferenceId: id });
      expect(made.created).toBe(true);
      // The window is ten seconds long: only the invalidation explains the new name.
      expect((await getLive(id)).participants.map((p) => p.name)).toEqual(["Cara Caller", null]);

      const renamed = await nameNumber(ctx, { number: clis[0]!, name: "Cara Renamed", conferenceId: id });
      expect(renamed).toMatchObject({ created: false, contact: { id: made.contact.id, name: "Cara Renamed" } });
      expect((await getLive(id)).participants.map((p) => p.name)).toEqual(["Cara Renamed", null]);

      const db = await (await import("../../db")).db();
      const audit = await db.kysely
        .selectFrom("audit_log")
        .select(["action", "outcome", "conference_id", "target_number", "actor_email", "params"])
        .where("target_number", "=", clis[0]!)
        .orderBy("at")
        .execute();
      expect(audit.map((a) => [a.action, a.outcome, a.conference_id, a.actor_email])).toEqual([
        ["directory.create", "succeeded", id, "mod@gavel.test"],
        ["directory.update", "succeeded", id, "mod@gavel.test"],
      ]);
      expect(JSON.parse(audit[1]!.params!)).toMatchObject({
        via: "conference row",
        from: { name: "Cara Caller" },
        to: { name: "Cara Renamed" },
      });
    });
  });
});
