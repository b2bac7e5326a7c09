/** The client address of a request as configured (lib/auth/client-address.ts), for the route wrappers. */
import "server-only";
import { config } from "../../config/env";
import { clientAddress } from "../client-address";
import { stampedPeer } from "./peer-stamp";

export function requestClientAddress(headers: Headers): string {
  return clientAddress(
    { peer: stampedPeer(headers), forwardedFor: headers.get("x-forwarded-for") },
    config().GAVEL_TRUSTED_PROXIES,
  );
}
