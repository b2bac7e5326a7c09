/**
 * The emulator checked against Sinch's official Node SDK. Gavel's own client
 * (lib/sinch/server/client.ts) is added here as a second runConformance(...) line.
 */
import { runConformance } from "./testing/conformance-suite";
import { makeSdkDriver } from "./testing/sdk-driver";

runConformance("official SDK (@sinch/voice)", makeSdkDriver);
