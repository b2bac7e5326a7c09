/**
 * Making a token while the dialog's first read of the list is still out: the list
 * kept is one read after the token was made, so the new token shows. (CI saw the
 * other order: the read that began first was kept, and the token never showed.)
 * The API is a stubbed fetch that answers each read with the tokens as they were
 * when it arrived, later than the creation's answer.
 */
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tokenKeys, type ApiTokenView } from "../types";
import { createTokenOptions } from "./queries";

const USER = "0b7f6a52-3c1e-4d7a-9f0e-2a6b8c4d1e90";

const token = (id: string, name: string, status: ApiTokenView["status"] = "active"): ApiTokenView => ({
  id,
  name,
  status,
  createdAt: "2026-11-28T23:36:00.000Z",
  expiresAt: "2026-12-28T23:36:00.000Z",
  revokedAt: status === "revoked" ? "2026-11-28T23:36:01.000Z" : null,
  lastUsedAt: null,
});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

/** The server: its tokens, reads that answer after `readMs` with the list as it was asked, and creations. */
function server(readMs: number) {
  const tokens = [token("oldrevoked01", "Reporting tool", "revoked")];
  let reads = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if ((init.method ?? "GET") === "POST") {
        const created = token("newactive001", "Reporting tool");
        tokens.unshift(created);
        return json({ apiToken: created, token: "gvl_newactive001_secret" });
      }
      reads++;
      const asWas = [...tokens];
      await new Promise((r) => setTimeout(r, readMs));
      return json({ tokens: asWas });
    }),
  );
  return { reads: () => reads };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("making an API token", () => {
  it("shows the new token when the list's first read was still out as it was made", async () => {
    const api = server(40);
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const key = tokenKeys.ofUser(USER);
    // The open dialog: an observer of the list (as useApiTokens is), whose first read starts now.
    const queryFn = async () => {
      const res = await fetch(`/api/users/${USER}/tokens`);
      return ((await res.json()) as { tokens: ApiTokenView[] }).tokens;
    };
    const off = new QueryObserver(qc, { queryKey: key, queryFn }).subscribe(() => undefined);
    expect(qc.getQueryState(key)?.fetchStatus).toBe("fetching");

    await qc
      .getMutationCache()
      .build(qc, createTokenOptions(qc, USER))
      .execute({ name: "Reporting tool", expiresInDays: 30 });
    await vi.waitFor(() => expect(qc.getQueryState(key)?.fetchStatus).toBe("idle"));

    const list = qc.getQueryData<ApiTokenView[]>(key);
    expect(list?.[0]).toMatchObject({ id: "newactive001", status: "active" });
    expect(api.reads()).toBe(2);
    off();
    qc.clear();
  });
});
