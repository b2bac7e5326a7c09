/**
 * Fleet: each callout is followed once. Callouts placed through the front door ring
 * for a while and are read back through it all along (every instance is asked about
 * them, several times a second) until they have joined and then ended. Following is
 * one GET of call info per callout per interval (FOLLOW_MIN_INTERVAL_MS while it
 * rings) for the whole fleet, by whichever instance claims it: the Sinch taps' log
 * must show no more GETs per call than intervals passed, where three instances
 * following on their own would make about three times as many. Each callout ends with
 * one outcome.
 */
import { timedAt, type Session } from "../http-session";
import { expect, test, until } from "./fixtures";
import { FRONT_URL, type Fleet, type SinchEntry } from "./harness";

/** lib/callouts/server/follow.ts: at most one call-info GET per ringing callout per second. */
const FOLLOW_INTERVAL_MS = 1000;
/** How long the callouts ring: several follow intervals, read many times each. */
const RING_MS = 8000;

interface Callout {
  id: string;
  state: string;
  final: boolean;
  callId: string | null;
}

const NUMBERS = ["+12025550143", "+12025550144", "+442079460018", "+46701234567"];

async function listCallouts(who: Session, conferenceId: string): Promise<Callout[]> {
  const res = await timedAt(FRONT_URL, who, "GET", `/api/callouts?conferenceId=${encodeURIComponent(conferenceId)}`);
  expect(res.status, res.body?.slice(0, 200)).toBe(200);
  return (JSON.parse(res.body!) as { callouts: Callout[] }).callouts;
}

/** The call-info GETs Sinch got for this call, oldest first. */
function follows(fleet: Fleet, callId: string): SinchEntry[] {
  const path = `/calling/v1/calls/id/${encodeURIComponent(callId)}`;
  return fleet
    .sinchLog()
    .filter((e) => e.method === "GET" && e.uri === path)
    .sort((a, b) => a.t - b.t);
}

test("each callout is followed once per interval by the fleet, and ends with one outcome", async ({
  fleet,
  signIn,
}) => {
  const support = await signIn("support@fleet.test");
  const conferenceId = `fleet-callouts-${Date.now().toString(36)}`;
  await fleet.emulatorControl.putRoom(conferenceId, [{ cli: "+33612345678" }]);
  const { ringMs } = await fleet.emulatorControl.settings();
  await fleet.emulatorControl.patchSettings({ ringMs: RING_MS });

  const placed: Callout[] = [];
  for (const endpoint of NUMBERS) {
    const res = await timedAt(FRONT_URL, support, "POST", "/api/callouts", {
      type: "conference",
      destination: { type: "number", endpoint },
      conferenceId,
    });
    expect(res.status, res.body?.slice(0, 200)).toBe(200);
    placed.push((JSON.parse(res.body!) as { callout: Callout }).callout);
  }
  const ids = placed.map((c) => c.id).sort();

  // Read through the front door back to back (round robin: every instance is asked,
  // each several times per follow interval) until all have joined.
  // (The test's timeout bounds the loop.)
  let joined = false;
  while (!joined) {
    const now = await listCallouts(support, conferenceId);
    joined = ids.every((id) => now.find((c) => c.id === id)?.state === "joined");
  }
  // Everyone hangs up: each callout ends, and is seen ending through the same reads.
  await fleet.emulatorControl.hangUpRoom(conferenceId);
  let final: Callout[] = [];
  await until("every callout has ended", async () => {
    final = (await listCallouts(support, conferenceId)).filter((c) => ids.includes(c.id));
    return final.length === ids.length && final.every((c) => c.final);
  });

  await fleet.emulatorControl.patchSettings({ ringMs });

  const figures: string[] = [];
  for (const callout of final) {
    expect(callout.state, `callout ${callout.id}`).toBe("ended");
    // While it rang: from its creation to its answer, by the emulator's clock (this machine's).
    const call = (await fleet.emulatorControl.call(callout.callId!))!;
    const [rang, answered] = [Date.parse(call.createdAt), Date.parse(call.answeredAt!)];
    const gets = follows(fleet, callout.callId!).filter((g) => g.start >= rang && g.start < answered);
    const by = new Set(gets.map((g) => g.instance));
    figures.push(`${gets.length} GETs in ${answered - rang} ms of ringing, by instance(s) ${[...by].join("/")}`);
    // Claims for an interval start at least an interval apart: n GETs span at least
    // n - 1 intervals, less how late a GET leaves after its claim (one more interval's
    // allowance for that). Three instances on their own make up to three per interval.
    expect(gets.length, `call ${callout.callId}: ${figures.at(-1)}`).toBeLessThanOrEqual(
      Math.floor((answered - rang) / FOLLOW_INTERVAL_MS) + 2,
    );
  }
  console.log(`callouts followed: ${figures.join("; ")}`);
  // The reads really went to more than one instance (else "one follower" proves nothing).
  const readers = new Set(
    fleet
      .frontLog()
      .filter((e) => e.uri.startsWith("/api/callouts?conferenceId="))
      .map((e) => fleet.instanceOf(e.upstream)),
  );
  expect(readers.size).toBe(3);

  // One outcome per callout in the audit trail too: one placement entry each, completed.
  const audit = await fleet.db.kysely
    .selectFrom("audit_log")
    .select(["target_number", "outcome"])
    .where("conference_id", "=", conferenceId)
    .where("action", "=", "callout.conference")
    .execute();
  expect(audit.map((a) => a.target_number).sort()).toEqual([...NUMBERS].sort());
  expect(audit.every((a) => a.outcome === "succeeded")).toBe(true);
});
