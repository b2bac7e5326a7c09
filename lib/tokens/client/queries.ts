/** React Query hooks for API tokens: one's own (`userId` undefined) or, for an admin, a user's. */
import { mutationOptions, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useSteadyMutation } from "../../query/use-steady-mutation";
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
  return useSteadyMutation(() => createTokenOptions(qc, userId), [qc, userId]);
}

export function createTokenOptions(qc: QueryClient, userId?: string) {
  return mutationOptions({
    mutationFn: (body: { name: string; expiresInDays: number }) =>
      userId === undefined ? callApi(e.ownCreate, { body }) : callApi(e.userCreate, { params: { userId }, body }),
    // A read of the list still on its way began before the token existed: stopped, so
    // that the read after the token is made is the one kept. Otherwise a token made
    // while the dialog's first read was out never showed (the read after it joined
    // that one instead of asking again), which CI saw.
    onMutate: () => qc.cancelQueries({ queryKey: keyOf(userId) }),
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
