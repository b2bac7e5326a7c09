/**
 * The conformance driver backed by Sinch's official Node SDK (@sinch/voice 1.4.0
 * on @sinch/sdk-client 1.5.0), so the emulator is checked against what the real
 * client sends and expects.
 *
 * Basic auth: the SDK's Voice client always signs (its LazyVoiceApiClient builds
 * buildApplicationSignedApiClientOptions: an x-timestamp plugin then a signing
 * plugin) and has no option to choose Basic. It does accept extra request
 * plugins (the public `requestPlugins` parameter), which run after its own, so
 * Basic is reached by a plugin that replaces the signed Authorization header
 * with a Basic one and drops x-timestamp. Everything else (paths, bodies,
 * headers, response and error handling) is still the SDK's own.
 */
import { RequestFailedError, VoiceService, type SinchClientParameters } from "@sinch/voice";
import { basicAuthorization } from "../../signing";
import type { CallInfo, WireParticipant } from "../../schemas";
import type { ConformanceDriver, DriverConfig, DriverFailure } from "./conformance-suite";

// The SDK accepts request plugins but does not export their type by name.
type RequestPlugin = NonNullable<SinchClientParameters["requestPlugins"]>[number];

function basicAuthPlugin(key: string, secret: string): RequestPlugin {
  return {
    getName: () => "GavelBasicAuthentication",
    load: () => ({
      transform: (options) => {
        options.headers.set("Authorization", basicAuthorization(key, secret));
        options.headers.delete("x-timestamp");
        return options;
      },
    }),
  };
}

/** The SDK revives ISO strings into Dates; the wire had strings. */
function unreviveDates<T>(value: T): T {
  if (value instanceof Date) return value.toISOString() as T;
  if (Array.isArray(value)) return value.map(unreviveDates) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unreviveDates(v)])) as T;
  }
  return value;
}

function failureOf(error: unknown): DriverFailure | undefined {
  if (!(error instanceof RequestFailedError)) return undefined;
  // The SDK keeps the parsed body re-serialised as a string in `data`.
  let errorCode: number | undefined;
  try {
    const body = JSON.parse(error.data ?? "null") as { errorCode?: unknown } | null;
    if (typeof body?.errorCode === "number") errorCode = body.errorCode;
    else if (typeof body?.errorCode === "string") errorCode = Number(body.errorCode);
  } catch {
    errorCode = undefined;
  }
  return { status: error.statusCode, errorCode };
}

export function makeSdkDriver(config: DriverConfig): ConformanceDriver {
  const voice = new VoiceService({
    applicationKey: config.applicationKey,
    applicationSecret: config.applicationSecret,
    voiceHostname: config.baseUrl,
    logger: null,
    requestPlugins: config.auth === "basic" ? [basicAuthPlugin(config.applicationKey, config.applicationSecret)] : [],
  });
  return {
    failureOf,
    // The SDK interpolates path parameters without encoding them: only plain ids here.
    async getConference(conferenceId) {
      const info = await voice.conferences.get({ conferenceId });
      return (info.participants ?? []) as WireParticipant[];
    },
    async manageParticipant(conferenceId, callId, body) {
      await voice.conferences.manageParticipant({
        conferenceId,
        callId,
        // The SDK's types allow only the documented enums; the point here is to send others too.
        manageParticipantRequestBody: body as never,
      });
    },
    async kickParticipant(conferenceId, callId) {
      await voice.conferences.kickParticipant({ conferenceId, callId });
    },
    async kickAll(conferenceId) {
      await voice.conferences.kickAll({ conferenceId });
    },
    async placeCallout(request) {
      const envelope = request as { method?: unknown };
      // Each SDK method serialises its envelope as given; an unknown method goes through custom().
      const response =
        envelope.method === "conferenceCallout"
          ? await voice.callouts.conference({ conferenceCalloutRequestBody: request as never })
          : envelope.method === "ttsCallout"
            ? await voice.callouts.tts({ ttsCalloutRequestBody: request as never })
            : await voice.callouts.custom({ customCalloutRequestBody: request as never });
      return { callId: response.callId ?? "" };
    },
    async getCall(callId) {
      return unreviveDates(await voice.calls.get({ callId })) as CallInfo;
    },
  };
}
