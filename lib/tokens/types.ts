/** API tokens as the browser sees them, and the limits the form offers. Client-safe, no zod. */

/** A token must expire; at most a year after it is made. */
export const MAX_TOKEN_DAYS = 365;
/** The lifetimes the form offers, in days. */
export const TOKEN_LIFETIMES_DAYS = [7, 30, 90, 365] as const;
/** How many working (not revoked, not expired) tokens one user may hold. */
export const MAX_ACTIVE_TOKENS = 20;
export const TOKEN_NAME_MAX = 80;

export type ApiTokenStatus = "active" | "revoked" | "expired";

/** A token in a list: never its secret. Times are ISO 8601. */
export interface ApiTokenView {
  /** The public part, as in `gvl_<id>_…` and audit entries. */
  id: string;
  name: string;
  status: ApiTokenStatus;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** The answer to a creation: `token` is shown once and never again. */
export interface CreatedApiToken {
  apiToken: ApiTokenView;
  token: string;
}

export interface ApiTokenList {
  tokens: ApiTokenView[];
}

/** The query keys of the token lists: one user's (admin) or one's own. */
export const tokenKeys = {
  all: ["api-tokens"] as const,
  own: () => ["api-tokens", "own"] as const,
  ofUser: (userId: string) => ["api-tokens", "user", userId] as const,
};
