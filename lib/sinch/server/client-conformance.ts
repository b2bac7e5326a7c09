/**
 * Gavel's Sinch client as a driver for the emulator's conformance suite
 * (./emulator/testing/conformance-suite.ts), so the same scenarios that hold the
 * emulator to Sinch's official SDK also run through lib/sinch/server/client.ts.
 * Registered by ./client-conformance.test.ts.
 *
 * The scenarios send some invalid input on purpose (commands "MUTE" and "shout",
 * music "jazz", callout envelopes with a field missing). The client's types rule
 * those out, but it does not re-validate at run time (the API layer's schemas do
 * that), so the casts below put them on the wire and the emulator's 400 comes back
 * as a SinchHttpError: `validatesInput` stays unset.
 */
import { SinchClient } from "./client";
import { isSinchError } from "../errors";
import type { CalloutRequest, MohClass, ParticipantCommand, WireParticipant } from "../schemas";
import type { ConformanceDriver, DriverConfig, DriverFailure } from "../emulator/testing/conformance-suite";

function failureOf(error: unknown): DriverFailure | undefined {
  if (isSinchError(error)) {
    return error.kind === "http" ? { status: error.status, errorCode: error.errorCode } : {};
  }
  // The client's own refusal of an id it cannot put in a path ("", "." or "..").
  if (error instanceof RangeError) return { local: true };
  return undefined;
}

export function makeGavelClientDriver(config: DriverConfig): ConformanceDriver {
  const client = new SinchClient({
    applicationKey: config.applicationKey,
    applicationSecret: config.applicationSecret,
    auth: config.auth,
    baseUrl: config.baseUrl,
  });
  return {
    failureOf,
    async getConference(conferenceId) {
      // Back to the wire's shape (id, not callId) for the scenarios' expectations.
      const participants = await client.getConference(conferenceId);
      return participants.map(
        (p): WireParticipant => ({ cli: p.cli, id: p.callId, duration: p.duration, muted: p.muted, onhold: p.onhold }),
      );
    },
    manageParticipant(conferenceId, callId, body) {
      return client.manageParticipant(conferenceId, callId, {
        command: body.command as ParticipantCommand,
        ...(body.moh !== undefined && { moh: body.moh as MohClass }),
      });
    },
    kickParticipant: (conferenceId, callId) => client.kickParticipant(conferenceId, callId),
    kickAll: (conferenceId) => client.kickAll(conferenceId),
    placeCallout: (request) => client.placeCallout(request as CalloutRequest),
    getCall: (callId) => client.getCall(callId),
  };
}
