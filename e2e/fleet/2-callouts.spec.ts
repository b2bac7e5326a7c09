/**
 * Fleet: each callout is followed once. Callouts placed through the front door are
 * read back through it (so every instance is asked about them) until they have joined
 * and then ended; the Sinch taps' log must show every call's follow-up GETs coming
 * from one instance only, and each callout must end with one outcome.
 */
import { timedAt, type Session } from "../http-session";
import { expect, test, until } from "./fixtures";
import { FRONT_URL, type Fleet } from "./harness";

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

/** The instances (0, 1, 2) that asked Sinch for this call's info. */
function followers(fleet: Fleet, callId: string): Set<number> {
  const path = `/calling/v1/calls/id/${encodeURIComponent(callId)}`;
  return new Set(
    fleet
      .sinchLog()
      .filter((e) => e.method === "GET" && e.uri === path)
      .map((e) => e.instance),
  );
}

test("each callout is followed by one instance, and ends with one outcome", async ({ fleet, signIn }) => {
  const support = await signIn("support@fleet.test");
  const conferenceId = `fleet-callouts-${Date.now().toString(36)}`;
  await fleet.emulatorControl.putRoom(conferenceId, [{ cli: "+33612345678" }]);

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

  // Read through the front door (round robin: every instance is asked) until all joined.
  await until("every callout has joined the room", async () => {
    const now = await listCallouts(support, conferenceId);
    return ids.every((id) => now.find((c) => c.id === id)?.state === "joined");
  });
  // Everyone hangs up: each callout ends, and is seen ending through the same reads.
  await fleet.emulatorControl.hangUpRoom(conferenceId);
  let final: Callout[] = [];
  await until("every callout has ended", async () => {
    final = (await listCallouts(support, conferenceId)).filter((c) => ids.includes(c.id));
    return final.length === ids.length && final.every((c) => c.final);
  });

  for (const callout of final) {
    expect(callout.state, `callout ${callout.id}`).toBe("ended");
    const by = followers(fleet, callout.callId!);
    expect(by.size, `instances that followed call ${callout.callId}: ${[...by].join(", ")}`).toBe(1);
  }
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
    .select(["target_call_id", "outcome"])
    .where("conference_id", "=", conferenceId)
    .where("action", "=", "callout.conference")
    .execute();
  expect(audit.map((a) => a.target_call_id).sort()).toEqual(final.map((c) => c.callId).sort());
  expect(audit.every((a) => a.outcome === "succeeded")).toBe(true);
});
