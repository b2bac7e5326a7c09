"use client";
/** "My API tokens": any signed-in user's own tokens, for scripts that call Gavel's API. */
import { ApiTokens } from "./api-tokens";
import { MAX_ACTIVE_TOKENS, MAX_TOKEN_DAYS } from "@/lib/tokens/types";

export function MyTokensPanel() {
  return (
    <div className="max-w-3xl space-y-5">
      <div>
        <h1 className="text-xl font-semibold">My API tokens</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          For scripts and tools that call Gavel&apos;s API. A token acts as you, with your role at the time of each
          request, and is refused once revoked, expired, or if your account is disabled. Every token expires (at most{" "}
          {MAX_TOKEN_DAYS} days); you may hold {MAX_ACTIVE_TOKENS} working tokens.
        </p>
      </div>
      <ApiTokens owner="you" />
    </div>
  );
}
