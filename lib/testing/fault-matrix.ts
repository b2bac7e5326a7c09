/**
 * The fault matrix as data: for each fault the emulator injects, what Gavel answers
 * and what its audit trail first records, per kind of operation. Checked cell by cell
 * by ./fault-matrix.test.ts through the real routes, and rendered into README.md
 * (between the markers below), which the same test compares. Test code.
 */
import type { FaultSpec } from "../sinch/emulator/faults";

/** The operations, grouped where Gavel treats them alike (a group shares its column). */
export const GROUPS = {
  command: ["mute", "unmute", "hold", "resume", "kick", "end meeting"],
  bulk: ["bulk mute"],
  callout: ["conference callout", "TTS callout", "custom callout"],
  read: ["participants GET"],
} as const;
export type Group = keyof typeof GROUPS;
export type OperationName = (typeof GROUPS)[Group][number];
export const OPERATIONS: OperationName[] = Object.values(GROUPS).flat();

const GROUP_TITLES: Record<Group, string> = {
  command: "mute, unmute, hold, resume, kick, end meeting",
  bulk: "bulk mute (each participant)",
  callout: "conference, TTS, custom callout",
  read: "participants GET",
};

/**
 * One cell: Gavel's HTTP status, its error code ("outcome_unknown" for a 202 whose
 * outcome Sinch did not say, "-" for none; a bulk's is each participant's result),
 * and the outcome the audit entry was first completed with ("-": reads are not audited).
 */
export interface Expected {
  status: number;
  code: string;
  audit: string;
}

const e = (status: number, code: string, audit: string): Expected => ({ status, code, audit });

/** Longer than SINCH_TIMEOUT_MS in the test (500 ms). */
const LATE_MS = 1000;

export const FAULTS: { name: string; spec: FaultSpec }[] = [
  { name: "500", spec: { type: "status", status: 500 } },
  { name: "502", spec: { type: "status", status: 502 } },
  { name: "503", spec: { type: "status", status: 503 } },
  // Longer than the client waits out by itself (10 s), so it is handed back at once.
  { name: "429 + Retry-After 30", spec: { type: "status", status: 429, retryAfter: 30 } },
  { name: `latency ${LATE_MS} ms (past the timeout)`, spec: { type: "latency", ms: LATE_MS } },
  { name: "hang", spec: { type: "hang" } },
  { name: "drop (connection dropped)", spec: { type: "drop" } },
  { name: "malformed 200", spec: { type: "malformed" } },
];

const OK = { command: e(200, "-", "succeeded"), bulk: e(200, "-", "succeeded"), callout: e(200, "-", "succeeded") };

/** The table, by fault and group; "none" is every call once the fault has cleared. */
const BY_GROUP: Record<string, Record<Group, Expected>> = {
  "500": {
    command: e(503, "upstream_unavailable", "failed"),
    bulk: e(200, "upstream_unavailable", "failed"),
    callout: e(503, "upstream_unavailable", "failed"),
    read: e(503, "upstream_unavailable", "-"),
  },
  "502": {
    command: e(502, "upstream_failed", "failed"),
    bulk: e(200, "upstream_failed", "failed"),
    callout: e(502, "upstream_failed", "failed"),
    read: e(502, "upstream_failed", "-"),
  },
  "503": {
    command: e(503, "upstream_unavailable", "failed"),
    bulk: e(200, "upstream_unavailable", "failed"),
    callout: e(503, "upstream_unavailable", "failed"),
    read: e(503, "upstream_unavailable", "-"),
  },
  "429 + Retry-After 30": {
    command: e(429, "rate_limited", "failed"),
    bulk: e(200, "rate_limited", "failed"),
    callout: e(429, "rate_limited", "failed"),
    read: e(429, "rate_limited", "-"),
  },
  [`latency ${LATE_MS} ms (past the timeout)`]: {
    command: e(202, "outcome_unknown", "unknown"),
    bulk: e(200, "outcome_unknown", "unknown"),
    callout: e(202, "outcome_unknown", "unknown"),
    read: e(504, "upstream_timeout", "-"),
  },
  hang: {
    command: e(202, "outcome_unknown", "unknown"),
    bulk: e(200, "outcome_unknown", "unknown"),
    callout: e(202, "outcome_unknown", "unknown"),
    read: e(504, "upstream_timeout", "-"),
  },
  "drop (connection dropped)": {
    command: e(202, "outcome_unknown", "unknown"),
    bulk: e(200, "outcome_unknown", "unknown"),
    callout: e(202, "outcome_unknown", "unknown"),
    read: e(503, "upstream_unavailable", "-"),
  },
  "malformed 200": {
    command: e(200, "-", "succeeded"),
    bulk: e(200, "-", "succeeded"),
    callout: e(202, "outcome_unknown", "unknown"),
    read: e(502, "upstream_failed", "-"),
  },
  none: { ...OK, read: e(200, "-", "-") },
};

/** The same table by operation, as the test reads it. */
export const FAULT_MATRIX: Record<string, Record<OperationName, Expected>> = Object.fromEntries(
  Object.entries(BY_GROUP).map(([fault, byGroup]) => [
    fault,
    Object.fromEntries(
      (Object.keys(GROUPS) as Group[]).flatMap((g) => GROUPS[g].map((op) => [op, byGroup[g]] as const)),
    ) as Record<OperationName, Expected>,
  ]),
);

export const README_START = "<!-- fault-matrix:start (lib/testing/fault-matrix.ts; checked by its test) -->";
export const README_END = "<!-- fault-matrix:end -->";

function cell(x: Expected): string {
  const audit = x.audit === "-" ? "not audited" : x.audit;
  return x.code === "-" ? `${x.status}, ${audit}` : `${x.status} \`${x.code}\`, ${audit}`;
}

/** The table as README.md shows it (before Prettier pads the columns). */
export function renderFaultMatrix(): string {
  const groups = Object.keys(GROUPS) as Group[];
  const rows = [
    ["fault", ...groups.map((g) => GROUP_TITLES[g])],
    ["---", ...groups.map(() => "---")],
    ...[...FAULTS.map((f) => f.name), "none (after the fault clears)"].map((name) => {
      const byGroup = BY_GROUP[name.startsWith("none") ? "none" : name]!;
      return [name, ...groups.map((g) => cell(byGroup[g]))];
    }),
  ];
  return rows.map((r) => `| ${r.join(" | ")} |`).join("\n");
}
