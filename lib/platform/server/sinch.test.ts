import { describe, expect, it } from "vitest";
import { parseEnv } from "../../config/env";
import { SinchClient } from "../../sinch/server/client";
import { sinchClientOptionsFromConfig } from "./sinch";

const KEY = "client-test-key";
const SECRET = "JViE5vDor0Sw3WllZka15Q==";

describe("the process's Sinch client", () => {
  it("reads its options from the validated configuration", () => {
    const cfg = parseEnv({
      SINCH_APPLICATION_KEY: KEY,
      SINCH_APPLICATION_SECRET: SECRET,
      SINCH_AUTH: "basic",
      SINCH_REGION: "use1",
      SINCH_TIMEOUT_MS: "2500",
    });
    const options = sinchClientOptionsFromConfig(cfg);
    expect(options).toMatchObject({
      applicationKey: KEY,
      applicationSecret: SECRET,
      auth: "basic",
      region: "use1",
      timeoutMs: 2500,
    });
    const c = new SinchClient(options);
    expect(c.baseUrl).toBe("https://calling-use1.api.sinch.com");
    expect(c.auth).toBe("basic");
    expect(() => sinchClientOptionsFromConfig(parseEnv({}))).toThrow(/SINCH_APPLICATION_KEY/);
  });
});
