/** React Query hooks for the directory page. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { callApi } from "../../api/fetch";
import { directoryEndpoints as directoryApi } from "../endpoints";
import type { ContactBody } from "../schemas";
import { directoryKeys } from "../types";

/** One page of the directory for a search text. */
export function useDirectory(q: string, offset: number, limit: number) {
  return useQuery({
    queryKey: [...directoryKeys.list(q, offset), limit],
    queryFn: () => callApi(directoryApi.list, { query: { q, offset, limit } }),
    // Typing a search or paging keeps the last page on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
}

export function useSaveContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ContactBody }) =>
      id === null
        ? callApi(directoryApi.create, { body })
        : callApi(directoryApi.update, { params: { contactId: id }, body }),
    onSettled: () => qc.invalidateQueries({ queryKey: directoryKeys.all }),
  });
}

export function useDeleteContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi(directoryApi.remove, { params: { contactId: id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: directoryKeys.all }),
  });
}

export function usePreviewImport() {
  return useMutation({ mutationFn: (text: string) => callApi(directoryApi.previewImport, { body: { text } }) });
}

export function useImportContacts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => callApi(directoryApi.import, { body: { text } }),
    onSettled: () => qc.invalidateQueries({ queryKey: directoryKeys.all }),
  });
}
