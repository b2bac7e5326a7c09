import { describe, expect, it } from "vitest";
import { calloutRequestSchema } from "../sinch/schemas";
import { svamlConferenceId } from "../sinch/svaml";
import { calloutListQuerySchema } from "./contract";
import { calloutSchemas, connectConfTemplate, fieldErrors } from "./forms";
import { calloutMeta, toWireRequest } from "./wire";

const us = calloutSchemas({ defaultCountry: "US", callerIds: ["+12025550100", "+46701234567"] });
const none = calloutSchemas({ defaultCountry: undefined, callerIds: [] });

function errorsOf(
  schema: {
    safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  v: unknown,
) {
  const r = schema.safeParse(v);
  expect(r.success).toBe(false);
  return fieldErrors(r.error!);
}

describe("conference callout", () => {
  it("parses a full form and builds exactly the wire body Sinch documents", () => {
    const parsed = us.callout.parse({
      type: "conference",
      destination: { type: "number", endpoint: "(202) 555-0143" },
      conferenceId: "weekly-sync",
      cli: "+46701234567",
      label: "  Alice (Legal) ",
      dtmf: "1234 #",
      greeting: "Welcome",
      locale: "en-GB",
      mohClass: "music2",
      maxDuration: 3600,
      conferenceDtmfOptions: { mode: "detect", maxDigits: 2, timeoutMills: 4000 },
      idempotencyKey: "key-0000001",
    });
    const wire = toWireRequest(parsed);
    expect(JSON.stringify(wire)).toBe(
      JSON.stringify({
        method: "conferenceCallout",
        conferenceCallout: {
          destination: { type: "number", endpoint: "+12025550143" },
          conferenceId: "weekly-sync",
          cli: "+46701234567",
          custom: "Alice (Legal)",
          dtmf: "1234#",
          greeting: "Welcome",
          locale: "en-GB",
          mohClass: "music2",
          maxDuration: 3600,
          conferenceDtmfOptions: { mode: "detect", maxDigits: 2, timeoutMills: 4000 },
        },
      }),
    );
    expect(calloutRequestSchema.safeParse(wire).success).toBe(true);
    expect(calloutMeta(parsed)).toEqual({
      type: "conference",
      destinationType: "number",
      destination: "+12025550143",
      cli: "+46701234567",
      conferenceId: "weekly-sync",
      label: "Alice (Legal)",
    });
  });

  it("leaves out what was left blank", () => {
    const parsed = us.callout.parse({
      type: "conference",
      destination: { type: "username", endpoint: " alice " },
      conferenceId: "c1",
      cli: "",
      label: "",
      dtmf: "",
      greeting: " ",
      locale: "",
      mohClass: "",
      maxDuration: "",
    });
    expect(toWireRequest(parsed)).toEqual({
      method: "conferenceCallout",
      conferenceCallout: { destination: { type: "username", endpoint: "alice" }, conferenceId: "c1" },
    });
  });

  it("names the field in every refusal", () => {
    const e = errorsOf(us.callout, {
      type: "conference",
      destination: { type: "number", endpoint: "0708 123 456" },
      conferenceId: "",
      cli: "+15555555555",
      dtmf: "12a",
      locale: "english",
      mohClass: "jazz",
      maxDuration: 1.5,
      conferenceDtmfOptions: { mode: "shout" },
    });
    expect(e["destination.endpoint"]).toMatch(/^not a valid number for US/);
    expect(e.conferenceId).toBe("conferenceId must not be empty");
    expect(e.cli).toBe("must be one of the configured caller IDs: +12025550100, +46701234567");
    expect(e.dtmf).toMatch(/0-9/);
    expect(e.locale).toMatch(/locale such as en-US/);
    expect(e.mohClass).toMatch(/ring, music1/);
    expect(e.maxDuration).toBe("must be a whole number of seconds");
    expect(e["conferenceDtmfOptions.mode"]).toMatch(/ignore/);
  });

  it("reads numbers against the default country, or asks for a country code when there is none", () => {
    expect(
      errorsOf(none.conference, {
        type: "conference",
        destination: { type: "number", endpoint: "0708 123 456" },
        conferenceId: "c",
      }),
    ).toMatchObject({
      "destination.endpoint": "add the country code, e.g. +46…",
    });
    expect(
      errorsOf(us.conference, {
        type: "conference",
        destination: { type: "number", endpoint: "+999 123" },
        conferenceId: "c",
      }),
    ).toMatchObject({
      "destination.endpoint": "unknown country code +999",
    });
    expect(
      errorsOf(us.conference, {
        type: "conference",
        destination: { type: "number", endpoint: "call me" },
        conferenceId: "c",
      }),
    ).toMatchObject({
      "destination.endpoint": "letters are not allowed in a phone number",
    });
  });

  it("takes a caller ID only from the configured list (none configured: Sinch's default only)", () => {
    expect(
      errorsOf(none.conference, {
        type: "conference",
        destination: { type: "username", endpoint: "a" },
        conferenceId: "c",
        cli: "+12025550100",
      }).cli,
    ).toMatch(/no caller IDs are configured/);
  });

  it("checks SIP addresses and usernames", () => {
    expect(
      errorsOf(us.conference, {
        type: "conference",
        destination: { type: "sip", endpoint: "alice" },
        conferenceId: "c",
      })["destination.endpoint"],
    ).toMatch(/SIP address/);
    expect(
      us.conference.parse({
        type: "conference",
        destination: { type: "sip", endpoint: "sip:alice@sip.example.com" },
        conferenceId: "c",
      }).destination,
    ).toEqual({
      type: "sip",
      endpoint: "sip:alice@sip.example.com",
    });
    expect(
      errorsOf(us.conference, {
        type: "conference",
        destination: { type: "username", endpoint: "a b" },
        conferenceId: "c",
      })["destination.endpoint"],
    ).toMatch(/spaces/);
  });

  it("refuses unknown fields and unknown types", () => {
    expect(
      errorsOf(us.callout, { type: "fax", destination: { type: "number", endpoint: "+12025550143" } }).type,
    ).toMatch(/conference.*tts.*custom/);
    expect(
      Object.values(
        errorsOf(us.callout, {
          type: "tts",
          destination: { type: "number", endpoint: "+12025550143" },
          text: "hi",
          enableAce: true,
        }),
      )[0],
    ).toMatch(/enableAce/);
  });
});

describe("text-to-speech callout", () => {
  const base = { type: "tts", destination: { type: "number", endpoint: "+442079460486" } } as const;

  it("sends text or prompts with the locale", () => {
    expect(
      toWireRequest(us.callout.parse({ ...base, text: "Hello there", locale: "en-GB", cli: "+12025550100" })),
    ).toEqual({
      method: "ttsCallout",
      ttsCallout: {
        destination: { type: "number", endpoint: "+442079460486" },
        cli: "+12025550100",
        locale: "en-GB",
        text: "Hello there",
      },
    });
    expect(
      toWireRequest(us.callout.parse({ ...base, prompts: "#tts[Hello];#href[https://example.com/a.mp3]" })),
    ).toEqual({
      method: "ttsCallout",
      ttsCallout: {
        destination: { type: "number", endpoint: "+442079460486" },
        prompts: "#tts[Hello];#href[https://example.com/a.mp3]",
      },
    });
  });

  it("allows 600 characters and refuses 601, saying how many there are", () => {
    expect(us.callout.safeParse({ ...base, text: "a".repeat(600) }).success).toBe(true);
    expect(errorsOf(us.callout, { ...base, text: "a".repeat(601) }).text).toBe(
      "must be at most 600 characters (it has 601)",
    );
  });

  it("counts the characters even while another field is wrong", () => {
    const e = errorsOf(us.callout, {
      type: "tts",
      destination: { type: "number", endpoint: "abc" },
      text: "a".repeat(610),
    });
    expect(e).toMatchObject({
      "destination.endpoint": "letters are not allowed in a phone number",
      text: "must be at most 600 characters (it has 610)",
    });
  });

  it("needs exactly one of text and prompts", () => {
    expect(errorsOf(us.callout, base).text).toMatch(/write the text/);
    expect(errorsOf(us.callout, { ...base, text: "a", prompts: "#tts[b]" }).prompts).toMatch(/not both/);
    expect(errorsOf(us.callout, { ...base, prompts: "hello" }).prompts).toMatch(/#tts\[/);
  });
});

describe("custom callout", () => {
  const base = { type: "custom", destination: { type: "number", endpoint: "+12025550143" } } as const;

  it("compacts SVAML, keeps URLs as they are, and finds the conference an ice connects to", () => {
    const parsed = us.callout.parse({
      ...base,
      label: "Bob",
      ice: connectConfTemplate("board"),
      ace: "https://example.com/ace",
      dice: "",
    });
    expect(toWireRequest(parsed)).toEqual({
      method: "customCallout",
      customCallout: {
        destination: { type: "number", endpoint: "+12025550143" },
        custom: "Bob",
        ice: '{"action":{"name":"connectConf","conferenceId":"board"}}',
        ace: "https://example.com/ace",
      },
    });
    expect(calloutMeta(parsed).conferenceId).toBe("board");
    expect(svamlConferenceId("https://example.com")).toBeUndefined();
  });

  it("refuses JSON that does not parse, non-SVAML JSON, other URL schemes and a connectConf without a conference", () => {
    expect(errorsOf(us.callout, { ...base, ice: '{"action": {"name": "connectConf",}' }).ice).toMatch(
      /^is not valid JSON: /,
    );
    expect(errorsOf(us.callout, { ...base, pie: "[1, 2]" }).pie).toMatch(/SVAML object/);
    expect(errorsOf(us.callout, { ...base, ace: '{"hello": 1}' }).ace).toMatch(/"action"/);
    expect(errorsOf(us.callout, { ...base, dice: "ftp://example.com" }).dice).toMatch(/http\(s\) URL or an SVAML/);
    expect(errorsOf(us.callout, { ...base, ice: '{"action":{"name":"connectConf","conferenceId":""}}' }).ice).toMatch(
      /connectConf needs a conferenceId/,
    );
  });
});

describe("dial a list", () => {
  it("checks the shape only: numbers are checked line by line on the server", () => {
    const parsed = us.batch.parse({ conferenceId: "c", lines: [{ number: "not a number", label: "" }] });
    expect(parsed.lines).toEqual([{ number: "not a number", label: undefined }]);
    expect(errorsOf(us.batch, { conferenceId: "c", lines: [] }).lines).toBe("add at least one number");
    expect(
      errorsOf(us.batch, { conferenceId: "c", lines: Array.from({ length: 501 }, () => ({ number: "1" })) }).lines,
    ).toMatch(/500/);
  });
});

describe("list query", () => {
  it("defaults the limit and checks the state", () => {
    expect(calloutListQuerySchema.parse({})).toEqual({ limit: 200 });
    expect(calloutListQuerySchema.parse({ state: "active", limit: "20", conferenceId: "" })).toEqual({
      state: "active",
      limit: 20,
    });
    expect(calloutListQuerySchema.safeParse({ state: "ringing" }).success).toBe(false);
  });
});
