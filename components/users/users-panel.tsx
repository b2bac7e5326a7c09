"use client";
import dynamic from "next/dynamic";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogLoading } from "@/components/ui/dialog-loading";
import { toastError } from "@/components/ui/error-toast";
import { FieldError, Input, Label } from "@/components/ui/input";
import { NativeSelect, Options } from "@/components/ui/select";
import { ApiError } from "@/lib/api/errors";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { createUserSchema, USER_ROLES, type UserRole, type UserView } from "@/lib/users/schemas";
import { useCreateUser, useResetPassword, useEndSessions, useUpdateUser, useUsers } from "@/lib/users/client/queries";
import { formatDateTime } from "@/lib/util/time";

const UserTokensDialog = dynamic(() => import("./user-tokens-dialog").then((m) => m.UserTokensDialog), {
  loading: DialogLoading,
});

function when(iso: string | null): string {
  return iso ? formatDateTime(iso, "minutes") : "never";
}

/** Shows a generated password once, with the sentence that it will not be shown again. */
function PasswordOnce({ shown, onClose }: { shown: { email: string; password: string } | null; onClose: () => void }) {
  return (
    <Dialog
      open={shown !== null}
      onOpenChange={(o) => !o && onClose()}
      title="Password generated"
      description={shown ? `Give this password to ${shown.email}. It is shown only now.` : undefined}
    >
      <p
        className="select-all rounded-md bg-slate-100 px-3 py-2 font-mono text-sm dark:bg-slate-800"
        data-testid="generated-password"
      >
        {shown?.password}
      </p>
      <div className="mt-4 flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Dialog>
  );
}

function AddUserForm({ onGenerated }: { onGenerated: (v: { email: string; password: string }) => void }) {
  const create = useCreateUser();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<UserRole>("moderator");
  const [mode, setMode] = useState<"generate" | "set" | "sso">("generate");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      email,
      name,
      role,
      ...(mode === "generate" ? { password: "generate" } : mode === "set" ? { password } : {}),
    };
    const parsed = createUserSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    create.mutate(input, {
      onSuccess: (r) => {
        toast.success(`Added ${r.user.email} as ${ROLE_LABELS[r.user.role].toLowerCase()}`);
        if (r.generatedPassword) onGenerated({ email: r.user.email, password: r.generatedPassword });
        setEmail("");
        setName("");
        setPassword("");
      },
      onError: (err) => {
        if (err instanceof ApiError && err.details?.fields) {
          setErrors(Object.fromEntries(err.details.fields.map((f) => [f.path.split(".")[0] ?? f.path, f.message])));
        }
        toastError("Could not add the user", err);
      },
    });
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Add a user"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1.2fr_1fr_auto_auto_auto] lg:items-end dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="space-y-1">
        <Label htmlFor="new-email">Email</Label>
        <Input
          id="new-email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={!!errors.email}
        />
        <FieldError>{errors.email ? `Email ${errors.email}` : null}</FieldError>
      </div>
      <div className="space-y-1">
        <Label htmlFor="new-name">Name</Label>
        <Input id="new-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!errors.name} />
        <FieldError>{errors.name ? `Name ${errors.name}` : null}</FieldError>
      </div>
      <div className="space-y-1">
        <Label htmlFor="new-role">Role</Label>
        <NativeSelect id="new-role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
          <Options values={USER_ROLES} label={ROLE_LABELS} />
        </NativeSelect>
      </div>
      <div className="space-y-1">
        <Label htmlFor="new-password-mode">Password</Label>
        <NativeSelect id="new-password-mode" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
          <option value="generate">Generate one</option>
          <option value="set">Set one</option>
          <option value="sso">SSO only (no password)</option>
        </NativeSelect>
      </div>
      {mode === "set" ? (
        <div className="space-y-1 sm:col-span-2 lg:col-span-1">
          <Label htmlFor="new-password">Initial password</Label>
          <Input
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!errors.password}
          />
          <FieldError>{errors.password ? `Password ${errors.password}` : null}</FieldError>
        </div>
      ) : null}
      <Button type="submit" variant="primary" disabled={create.isPending} className="lg:mb-0">
        {create.isPending ? "Adding…" : "Add user"}
      </Button>
    </form>
  );
}

function UserRow({
  user,
  isSelf,
  onGenerated,
  onTokens,
}: {
  user: UserView;
  isSelf: boolean;
  onGenerated: (v: { email: string; password: string }) => void;
  onTokens: (user: UserView) => void;
}) {
  const update = useUpdateUser();
  const reset = useResetPassword();
  const endSessions = useEndSessions();
  const busy = update.isPending || reset.isPending || endSessions.isPending;

  return (
    <tr className="border-t border-slate-200 dark:border-slate-800" aria-busy={busy}>
      <td className="px-3 py-2.5">
        <div className="font-medium">{user.name}</div>
        <div className="text-xs text-slate-500 dark:text-slate-400">{user.email}</div>
      </td>
      <td className="px-3 py-2.5">
        <NativeSelect
          aria-label={`Role of ${user.email}`}
          className="w-auto"
          value={user.role}
          disabled={busy}
          onChange={(e) =>
            update.mutate(
              { id: user.id, change: { role: e.target.value as UserRole } },
              {
                onSuccess: (r) => toast.success(`${r.user.email} is now ${ROLE_LABELS[r.user.role].toLowerCase()}`),
                onError: (err) => toastError(`Could not change the role of ${user.email}`, err),
              },
            )
          }
        >
          <Options values={USER_ROLES} label={ROLE_LABELS} />
        </NativeSelect>
      </td>
      <td className="px-3 py-2.5">
        <div className="flex flex-wrap gap-1">
          {user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>}
          {user.ssoOnly ? <Badge tone="info">SSO only</Badge> : null}
          {isSelf ? <Badge>You</Badge> : null}
        </div>
      </td>
      <td className="hidden px-3 py-2.5 text-sm text-slate-600 md:table-cell dark:text-slate-400">
        {when(user.lastLoginAt)}
      </td>
      <td className="px-3 py-2.5">
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            size="sm"
            variant={user.disabled ? "secondary" : "danger-outline"}
            disabled={busy}
            aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
            onClick={() =>
              update.mutate(
                { id: user.id, change: { disabled: !user.disabled } },
                {
                  onSuccess: (r) => toast.success(`${r.user.email} ${r.user.disabled ? "disabled" : "enabled"}`),
                  onError: (err) => toastError(`Could not ${user.disabled ? "enable" : "disable"} ${user.email}`, err),
                },
              )
            }
          >
            {user.disabled ? "Enable" : "Disable"}
          </Button>
          <Button
            size="sm"
            disabled={busy}
            aria-label={`Reset password of ${user.email}`}
            onClick={() =>
              reset.mutate(
                { id: user.id, password: "generate" },
                {
                  onSuccess: (r) =>
                    r.generatedPassword && onGenerated({ email: r.user.email, password: r.generatedPassword }),
                  onError: (err) => toastError(`Could not reset the password of ${user.email}`, err),
                },
              )
            }
          >
            Reset password
          </Button>
          <Button
            size="sm"
            disabled={busy}
            aria-label={`Sign ${user.email} out everywhere`}
            onClick={() =>
              endSessions.mutate(
                { id: user.id },
                {
                  onSuccess: () => toast.success(`${user.email} is signed out everywhere`),
                  onError: (err) => toastError(`Could not sign ${user.email} out`, err),
                },
              )
            }
          >
            Sign out everywhere
          </Button>
          <Button size="sm" aria-label={`API tokens of ${user.email}`} onClick={() => onTokens(user)}>
            API tokens
          </Button>
        </div>
      </td>
    </tr>
  );
}

export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  const [generated, setGenerated] = useState<{ email: string; password: string } | null>(null);
  const [tokensOf, setTokensOf] = useState<UserView | null>(null);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">Users</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Who may use Gavel, and in which role. The last active admin cannot be disabled or demoted.
        </p>
      </div>
      <AddUserForm onGenerated={setGenerated} />
      {/* relative: the header's sr-only "Actions" (absolutely placed) scrolls with the table instead of widening the page. */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th className="px-3 py-2 font-medium">User</th>
              <th className="px-3 py-2 font-medium">Role</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="hidden px-3 py-2 font-medium md:table-cell">Last sign-in</th>
              <th className="px-3 py-2 text-right font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.isPending ? (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-500">
                  Loading users…
                </td>
              </tr>
            ) : users.isError ? (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-red-600">
                  {users.error.message}
                </td>
              </tr>
            ) : (
              users.data.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  isSelf={u.id === currentUserId}
                  onGenerated={setGenerated}
                  onTokens={setTokensOf}
                />
              ))
            )}
          </tbody>
        </table>
      </div>
      <PasswordOnce shown={generated} onClose={() => setGenerated(null)} />
      {tokensOf ? <UserTokensDialog user={tokensOf} onClose={() => setTokensOf(null)} /> : null}
    </div>
  );
}
