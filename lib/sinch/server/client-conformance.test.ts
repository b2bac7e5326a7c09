/**
 * The emulator's Sinch conformance suite, run through Gavel's own client (the
 * official SDK runs the same scenarios in ./emulator/conformance.test.ts).
 */
import { makeGavelClientDriver } from "./client-conformance";
import { runConformance } from "../emulator/testing/conformance-suite";

runConformance("Gavel client (lib/sinch/server/client.ts)", makeGavelClientDriver);
