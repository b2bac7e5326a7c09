/** The per-user session-state cache stays bounded: past SWEEP_ABOVE users, stale entries go. */
import { describe, expect, it, vi } from "vitest";

vi.mock("../../db", () => ({ db: async () => ({}) }));
vi.mock("../../db/sessions", () => ({
  readSessionState: async () => ({ disabled: false, generation: 0, revoked: new Set<string>() }),
}));
vi.mock("../../config/env", () => ({ config: () => ({ GAVEL_ROLE_REFRESH_SECONDS: 5 }) }));

const { cachedSessionStates, sessionCheckMs, sessionState, SWEEP_ABOVE } = await import("./session-state");

describe("session-state cache", () => {
  it("drops stale users once past SWEEP_ABOVE, keeping the fresh ones", async () => {
    const t = 1_767_225_600_000;
    for (let i = 0; i < SWEEP_ABOVE; i++) await sessionState(`old-${i}`, t);
    expect(cachedSessionStates()).toBe(SWEEP_ABOVE);
    const later = t + sessionCheckMs();
    await sessionState("fresh-1", later - 1);
    await sessionState("fresh-2", later);
    // The old ones are stale at `later`; the fresh ones stay.
    expect(cachedSessionStates()).toBe(2);
  });
});
