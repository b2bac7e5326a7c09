import { describe, expect, it } from "vitest";
import { formatDateTime, formatTimeOfDay, fromDateTimeLocal, iso, toDateTimeLocal } from "./time";

// A moment with distinct seconds, built in this machine's zone so the test holds in any zone.
const at = new Date(2026, 10, 28, 16, 4, 5, 250).getTime();

describe("iso", () => {
  it("writes epoch ms as ISO 8601 and keeps null", () => {
    expect(iso(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(iso(null)).toBeNull();
  });
});

describe("formatDateTime and formatTimeOfDay", () => {
  it("reads the same from an ISO string and from epoch ms", () => {
    expect(formatDateTime(new Date(at).toISOString())).toBe(formatDateTime(at));
    expect(formatTimeOfDay(new Date(at).toISOString())).toBe(formatTimeOfDay(at));
  });

  it("shows seconds unless told to stop at the minute", () => {
    expect(formatDateTime(at)).toMatch(/04.05/);
    expect(formatDateTime(at, "minutes")).not.toMatch(/04.05/);
    expect(formatDateTime(at, "minutes")).toMatch(/2026/);
    expect(formatTimeOfDay(at)).toMatch(/04.05/);
    expect(formatTimeOfDay(at)).not.toMatch(/2026/);
  });
});

describe("datetime-local values", () => {
  it("writes the local minute and reads it back", () => {
    expect(toDateTimeLocal(at)).toBe("2026-11-28T16:04");
    expect(fromDateTimeLocal("2026-11-28T16:04")).toBe(new Date(2026, 10, 28, 16, 4).getTime());
    expect(toDateTimeLocal(undefined)).toBe("");
  });

  it("stretches an end bound to the end of its minute, and refuses what is not a date", () => {
    const minute = new Date(2026, 10, 28, 16, 0).getTime();
    expect(fromDateTimeLocal("2026-11-28T16:00", true)).toBe(minute + 59_999);
    expect(fromDateTimeLocal("")).toBeUndefined();
    expect(fromDateTimeLocal("not a date")).toBeUndefined();
  });
});
