/** React Query hooks for the users page. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { callApi } from "../../api/fetch";
import { usersApi } from "../contract";
import { userKeys, type UserRole } from "../schemas";

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: () => callApi(usersApi.list).then((r) => r.users),
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: UserRole; password?: string }) =>
      callApi(usersApi.create, { body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: { role?: UserRole; disabled?: boolean } }) =>
      callApi(usersApi.update, { params: { userId: id }, body: change }),
    onSettled: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      callApi(usersApi.resetPassword, { params: { userId: id }, body: { password } }),
  });
}

export function useEndSessions() {
  return useMutation({
    mutationFn: ({ id }: { id: string }) => callApi(usersApi.endSessions, { params: { userId: id } }),
  });
}
