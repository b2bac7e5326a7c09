import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "../api/errors";

/** The one QueryClient factory. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 1000,
        // Errors a retry cannot fix (validation, permission, sign-in) fail at once.
        retry: (failures, error) =>
          failures < 2 &&
          !(error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429),
      },
      mutations: { retry: false },
    },
  });
}
