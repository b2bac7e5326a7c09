/** React Query hooks for the users page. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../../api/fetch";
import { userKeys, type UserRole, type UserView } from "../schemas";

export function useUsers() {
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: () => apiFetch<{ users: UserView[] }>("/api/users").then((r) => r.users),
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; name: string; role: UserRole; password?: string }) =>
      apiFetch<{ user: UserView; generatedPassword: string | null }>("/api/users", { method: "POST", body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: { role?: UserRole; disabled?: boolean } }) =>
      apiFetch<{ user: UserView }>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", body: change }),
    onSettled: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      apiFetch<{ user: UserView; generatedPassword: string | null }>(`/api/users/${encodeURIComponent(id)}/password`, {
        method: "POST",
        body: { password },
      }),
  });
}
