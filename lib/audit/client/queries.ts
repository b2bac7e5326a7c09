/** React Query hooks for the audit page. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { callApi } from "../../api/fetch";
import { auditApi } from "../contract";
import { auditKeys } from "../schemas";

/** One page of the trail for the URL's query string (filters and cursor, as the page's URL has them). */
export function useAuditPage(query: string) {
  return useQuery({
    queryKey: auditKeys.list({ query }),
    queryFn: () => callApi(auditApi.list, { query: new URLSearchParams(query) }),
    // Paging keeps the old page on screen until the new one arrives, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}
