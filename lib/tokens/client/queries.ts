/** React Query hooks for API tokens: one's own (`userId` undefined) or, for an admin, a user's. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { callApi } from "../../api/fetch";
import { tokensEndpoints as e } from "../endpoints";
import { tokenKeys, type ApiTokenView } from "../types";

function keyOf(userId: string | undefined) {
  return userId === undefined ? tokenKeys.own() : tokenKeys.ofUser(userId);
}

export function useApiTokens(userId?: string) {
  return useQuery({
    queryKey: keyOf(userId),
    queryFn: () =>
      (userId === undefined ? callApi(e.ownList) : callApi(e.userList, { params: { userId } })).then((r) => r.tokens),
  });
}

export function useCreateApiToken(userId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; expiresInDays: number }) =>
      userId === undefined ? callApi(e.ownCreate, { body }) : callApi(e.userCreate, { params: { userId }, body }),
    // The answer carries the new token's row: it heads the list at once, without
    // waiting for the list to be read again (which follows, for anything else changed).
    onSuccess: (created) =>
      qc.setQueryData<ApiTokenView[]>(keyOf(userId), (list) =>
        list ? [created.apiToken, ...list.filter((t) => t.id !== created.apiToken.id)] : list,
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeApiToken(userId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      userId === undefined
        ? callApi(e.ownRevoke, { params: { tokenId } })
        : callApi(e.userRevoke, { params: { userId, tokenId } }),
    onSettled: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
