"use client";
/**
 * A user's API tokens: the form that makes one (name, lifetime) and the list, each
 * with its state, expiry, last use and a Revoke button. The same section serves "My
 * API tokens" (`userId` undefined) and an admin's view of one user on the Users page.
 */
import dynamic from "next/dynamic";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DialogLoading } from "@/components/ui/dialog-loading";
import { toastError } from "@/components/ui/error-toast";
import { FieldError, Input, Label } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from "@/lib/tokens/client/queries";
import { TOKEN_LIFETIMES_DAYS, TOKEN_NAME_MAX, type ApiTokenView } from "@/lib/tokens/types";
import { formatDateTime } from "@/lib/util/time";

const TokenSecretDialog = dynamic(() => import("./token-secret").then((m) => m.TokenSecretDialog), {
  loading: DialogLoading,
});

const LIFETIME_LABEL: Record<number, string> = { 7: "7 days", 30: "30 days", 90: "90 days", 365: "1 year" };

function when(iso: string | null, none: string): string {
  return iso ? formatDateTime(iso, "minutes") : none;
}

function StatusBadge({ status }: { status: ApiTokenView["status"] }) {
  if (status === "active") return <Badge tone="success">Active</Badge>;
  if (status === "revoked") return <Badge tone="danger">Revoked</Badge>;
  return <Badge>Expired</Badge>;
}

function CreateTokenForm({ userId, onCreated }: { userId?: string; onCreated: (token: string, name: string) => void }) {
  const create = useCreateApiToken(userId);
  const [name, setName] = useState("");
  const [days, setDays] = useState<number>(90);
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Name the token after what will use it (a script, a tool).");
      return;
    }
    setError(null);
    create.mutate(
      { name: trimmed, expiresInDays: days },
      {
        onSuccess: (r) => {
          setName("");
          onCreated(r.token, r.apiToken.name);
        },
        onError: (err) => toastError("Could not create the API token", err),
      },
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Create an API token"
      className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end"
    >
      <div className="space-y-1">
        <Label htmlFor={`token-name-${userId ?? "own"}`}>Token name</Label>
        <Input
          id={`token-name-${userId ?? "own"}`}
          value={name}
          maxLength={TOKEN_NAME_MAX}
          placeholder="e.g. dial-out script"
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error !== null}
        />
        <FieldError>{error}</FieldError>
      </div>
      <div className="space-y-1">
        <Label htmlFor={`token-days-${userId ?? "own"}`}>Expires after</Label>
        <NativeSelect
          id={`token-days-${userId ?? "own"}`}
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        >
          {TOKEN_LIFETIMES_DAYS.map((d) => (
            <option key={d} value={d}>
              {LIFETIME_LABEL[d]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button type="submit" variant="primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}

function TokenRow({ token, userId }: { token: ApiTokenView; userId?: string }) {
  const revoke = useRevokeApiToken(userId);
  return (
    <li
      className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-200 px-3 py-2.5 first:border-t-0 dark:border-slate-800"
      data-testid="api-token"
    >
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium break-all">{token.name}</span>
          <StatusBadge status={token.status} />
        </div>
        <div className="text-xs text-slate-500 dark:text-slate-400">
          <span className="font-mono">gvl_{token.id}_…</span> · created {when(token.createdAt, "")} ·{" "}
          {token.status === "revoked"
            ? `revoked ${when(token.revokedAt, "")}`
            : `${token.status === "expired" ? "expired" : "expires"} ${when(token.expiresAt, "")}`}{" "}
          · last used {when(token.lastUsedAt, "never")}
        </div>
      </div>
      {token.status === "active" ? (
        <Button
          size="sm"
          variant="danger-outline"
          disabled={revoke.isPending}
          aria-label={`Revoke the API token ${token.name}`}
          onClick={() =>
            revoke.mutate(token.id, {
              onSuccess: () => toast.success(`API token “${token.name}” revoked`),
              onError: (err) => toastError(`Could not revoke “${token.name}”`, err),
            })
          }
        >
          Revoke
        </Button>
      ) : null}
    </li>
  );
}

/** `owner`: how the secret's dialog names whose token it is ("you", or the user's email). */
export function ApiTokens({ userId, owner }: { userId?: string; owner: string }) {
  const tokens = useApiTokens(userId);
  const [shown, setShown] = useState<{ token: string; name: string } | null>(null);
  return (
    <div className="space-y-4">
      <CreateTokenForm userId={userId} onCreated={(token, name) => setShown({ token, name })} />
      <ul
        aria-label="API tokens"
        className="rounded-lg border border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900"
      >
        {tokens.isPending ? (
          <li className="px-3 py-6 text-center text-slate-500">Loading API tokens…</li>
        ) : tokens.isError ? (
          <li className="px-3 py-6 text-center text-red-600">{tokens.error.message}</li>
        ) : tokens.data.length === 0 ? (
          <li className="px-3 py-6 text-center text-slate-500 dark:text-slate-400">No API tokens yet.</li>
        ) : (
          tokens.data.map((t) => <TokenRow key={t.id} token={t} userId={userId} />)
        )}
      </ul>
      {shown ? <TokenSecretDialog shown={{ ...shown, owner }} onClose={() => setShown(null)} /> : null}
    </div>
  );
}
