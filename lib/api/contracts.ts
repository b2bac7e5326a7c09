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
import { tokensApi } from "../tokens/contract";
import { usersApi } from "../users/contract";
import type { Endpoint } from "./endpoint";

export const API_CONTRACTS: Readonly<Record<string, Readonly<Record<string, Endpoint>>>> = {
  attendanceApi,
  auditApi,
  calloutsApi,
  conferencesApi,
  directoryApi,
  usersApi,
  tokensApi,
  sessionApi,
};

/** Every endpoint of every contract. */
export const API_ENDPOINTS: readonly Endpoint[] = Object.values(API_CONTRACTS).flatMap((c) => Object.values(c));
