/**
 * Every feature's API contract, in one list: the front door builds its route table
 * (404 and 405 with Allow) from it, and lib/api/contract.test.ts checks that every
 * route file under app/api serves an endpoint listed here, so a new feature's
 * contract cannot be left out. Client-safe (contracts are pure).
 */
import { attendanceApi } from "../attendance/contract";
import { auditApi } from "../audit/contract";
import { sessionApi } from "../auth/contract";
import { calloutsApi } from "../callouts/contract";
import { conferencesApi } from "../conferences/contract";
import { directoryApi } from "../directory/contract";
import { policiesApi } from "../policies/contract";
import { invitesApi } from "../invites/contract";
import { monitoringApi } from "../metrics/contract";
import { apiDocsApi } from "../openapi/contract";
import { tokensApi } from "../tokens/contract";
import { usersApi } from "../users/contract";
import type { Endpoint, OpenEndpoint } from "./endpoint";

export const API_CONTRACTS: Readonly<Record<string, Readonly<Record<string, Endpoint | OpenEndpoint>>>> = {
  attendanceApi,
  auditApi,
  calloutsApi,
  conferencesApi,
  directoryApi,
  policiesApi,
  invitesApi,
  usersApi,
  tokensApi,
  sessionApi,
  monitoringApi,
  apiDocsApi,
};

/** Every endpoint of every contract. */
export const API_ENDPOINTS: readonly (Endpoint | OpenEndpoint)[] = Object.values(API_CONTRACTS).flatMap((c) =>
  Object.values(c),
);
