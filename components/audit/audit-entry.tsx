"use client";
import { ChevronDown, ChevronRight, Copy } from "lucide-react";
import Link from "next/link";
import { useId, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { AuditEntryView, AuditFilters } from "@/lib/audit/schemas";
import { actionLabel, AUDIT_OUTCOME_HINTS, describeHistory, outcomeLabel, type AuditOutcome } from "@/lib/audit/types";
import { formatNumber } from "@/lib/conferences/format";
import { cn } from "@/lib/ui/cn";
import { copyText } from "@/lib/ui/client/copy";
import { formatDateTime, formatTimeOfDay } from "@/lib/util/time";

/** The entries' columns from md up, shared by the header and every row so they line up. */
const COLUMNS = "md:grid-cols-[auto_13.5rem_minmax(0,0.9fr)_minmax(0,1fr)_minmax(0,1.5fr)_6rem]";

type OnFilter = (f: Partial<AuditFilters>) => void;

const OUTCOME_TONES: Record<AuditOutcome, "success" | "danger" | "muted" | "neutral"> = {
  succeeded: "success",
  failed: "danger",
  unknown: "muted",
  interrupted: "muted",
  pending: "neutral",
};

/** An outcome as a badge; its title says what the outcome means. */
export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  return (
    <Badge tone={OUTCOME_TONES[outcome] ?? "neutral"} title={AUDIT_OUTCOME_HINTS[outcome]}>
      {outcomeLabel(outcome)}
    </Badge>
  );
}

/** How the outcome came to be what it is: each change, first belief first. */
function OutcomeHistory({ e }: { e: AuditEntryView }) {
  if (e.history.length === 0) return null;
  return (
    <ol className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400" aria-label="Outcome history">
      {e.history.map((h) => (
        <li key={`${h.at}-${h.to}`} title={formatDateTime(h.at)}>
          {describeHistory(h, formatTimeOfDay(h.at))}
        </li>
      ))}
    </ol>
  );
}

/** The column names above the entries; on narrow screens each row says what it is. */
export function AuditEntriesHeader() {
  return (
    <div
      className={cn(
        "hidden gap-x-3 border-b border-slate-200 px-4 py-2 text-xs font-medium uppercase tracking-wide text-slate-500 md:grid dark:border-slate-800 dark:text-slate-400",
        COLUMNS,
      )}
    >
      <span className="w-4" />
      <span>Time</span>
      <span>Action</span>
      <span>Actor</span>
      <span>Subject</span>
      <span className="justify-self-end">Outcome</span>
    </div>
  );
}

function Field({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd
        className={cn(
          "text-sm [overflow-wrap:anywhere] text-slate-900 dark:text-slate-100",
          mono && "font-mono text-xs",
        )}
      >
        {children ?? <span className="text-slate-400 dark:text-slate-500">—</span>}
      </dd>
    </div>
  );
}

/** What an entry acted on, in a few words: the conference and participant, or the user. */
function subject(e: AuditEntryView): string | null {
  const number = e.targetNumber ? formatNumber(e.targetNumber) : null;
  const target = number ? (e.targetName ? `${e.targetName} (${number})` : number) : e.targetCallId;
  const parts = [e.conferenceId, target].filter((v): v is string => Boolean(v));
  if (parts.length === 0 && e.action.startsWith("user.") && typeof e.params?.email === "string")
    parts.push(e.params.email);
  return parts.length > 0 ? parts.join(" · ") : null;
}

/** Everything recorded about one entry, with shortcuts to filter by its actor, conference or action. */
function EntryDetails({ e, id, onFilter }: { e: AuditEntryView; id: string; onFilter: OnFilter }) {
  return (
    <div id={id} className="border-t border-slate-200 bg-slate-50 px-4 py-3 dark:border-slate-800 dark:bg-slate-950/40">
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Time">
          {formatDateTime(e.at)}{" "}
          <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{e.at}</span>
        </Field>
        <Field label="Actor">
          {e.actorEmail}
          {e.actorToken ? (
            <span className="block text-xs text-slate-500 dark:text-slate-400">
              via API token “{e.actorToken.name}” ({e.actorToken.id})
            </span>
          ) : null}
        </Field>
        <Field label="Role">{e.actorRole}</Field>
        <Field label="Actor ID" mono>
          {e.actorId}
        </Field>
        <Field label="Action">
          {actionLabel(e.action)}{" "}
          <span className="font-mono text-xs text-slate-500 dark:text-slate-400">({e.action})</span>
        </Field>
        <Field label="Conference">
          {e.conferenceId ? (
            <Link
              className="text-brand-600 hover:underline dark:text-brand-100"
              href={`/conferences/${encodeURIComponent(e.conferenceId)}`}
            >
              {e.conferenceId}
            </Link>
          ) : null}
        </Field>
        <Field label="Target number">
          {e.targetNumber ? formatNumber(e.targetNumber) : null}
          {e.targetName ? (
            <span
              className="block text-xs text-slate-500 dark:text-slate-400"
              title="The directory's name for this number now, not when the entry was written"
            >
              {e.targetName} (directory now)
            </span>
          ) : null}
        </Field>
        <Field label="Target call ID" mono>
          {e.targetCallId}
        </Field>
        <Field label="Outcome">
          {outcomeLabel(e.outcome)}
          <OutcomeHistory e={e} />
        </Field>
        <Field label="HTTP status">{e.httpStatus}</Field>
        <Field label="Sinch error code" mono>
          {e.sinchErrorCode}
        </Field>
        <Field label="Sinch reference" mono>
          {e.sinchReference}
        </Field>
        <Field label="Error">{e.errorMessage}</Field>
        <Field label="Upstream latency">{e.latencyMs === null ? null : `${e.latencyMs} ms`}</Field>
        <Field label="Client address" mono>
          {e.clientAddress}
        </Field>
        <Field label="Request ID" mono>
          <span className="inline-flex items-center gap-1">
            <span className="select-all" data-testid="request-id">
              {e.requestId}
            </span>
            <button
              type="button"
              aria-label="Copy request ID"
              className="rounded p-0.5 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-700"
              onClick={() => void copyText(e.requestId).then((ok) => ok && toast.success("Request ID copied"))}
            >
              <Copy aria-hidden className="size-3" />
            </button>
          </span>
        </Field>
        <Field label="Entry ID" mono>
          {e.id}
        </Field>
        <div className="sm:col-span-2 lg:col-span-3">
          <Field label="Parameters">
            {e.params ? (
              <pre className="mt-1 max-h-48 overflow-auto rounded bg-white p-2 font-mono text-xs whitespace-pre-wrap dark:bg-slate-900">
                {JSON.stringify(e.params, null, 2)}
              </pre>
            ) : null}
          </Field>
        </div>
      </dl>
      <div className="mt-3 flex flex-wrap gap-2">
        {e.actorEmail ? (
          <Button size="sm" variant="ghost" onClick={() => onFilter({ actor: e.actorEmail ?? undefined })}>
            Only this actor
          </Button>
        ) : null}
        {e.conferenceId ? (
          <Button size="sm" variant="ghost" onClick={() => onFilter({ conferenceId: e.conferenceId ?? undefined })}>
            Only this conference
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={() => onFilter({ action: e.action as AuditFilters["action"] })}>
          Only this action
        </Button>
      </div>
    </div>
  );
}

/** One audit entry: a summary line that opens to its details. */
export function AuditEntryRow({ e, onFilter }: { e: AuditEntryView; onFilter: OnFilter }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const about = subject(e);
  return (
    <li
      className="border-b border-slate-200 last:border-b-0 dark:border-slate-800"
      data-testid="audit-entry"
      data-request-id={e.requestId}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          "grid w-full grid-cols-[auto_1fr_auto] items-start gap-x-3 gap-y-0.5 px-4 py-2.5 text-left hover:bg-slate-50 md:items-center dark:hover:bg-slate-800/50",
          COLUMNS,
        )}
      >
        {open ? (
          <ChevronDown aria-hidden className="mt-0.5 size-4 text-slate-400 md:mt-0" />
        ) : (
          <ChevronRight aria-hidden className="mt-0.5 size-4 text-slate-400 md:mt-0" />
        )}
        <span className="col-start-2 whitespace-nowrap text-xs tabular-nums text-slate-500 md:col-start-auto md:text-sm dark:text-slate-400">
          <time dateTime={e.at}>{formatDateTime(e.at)}</time>
        </span>
        <span className="col-start-2 row-start-2 truncate text-sm font-medium md:col-start-auto md:row-start-auto">
          {actionLabel(e.action)}
        </span>
        <span className="col-start-2 row-start-3 truncate text-sm text-slate-700 md:col-start-auto md:row-start-auto dark:text-slate-300">
          {e.actorEmail ?? <span className="text-slate-400">no actor</span>}
        </span>
        <span
          className={cn(
            "col-start-2 row-start-4 truncate text-sm text-slate-600 md:col-start-auto md:row-start-auto dark:text-slate-400",
            !about && "hidden md:block",
          )}
        >
          {about ?? "—"}
        </span>
        <span className="col-start-3 row-span-2 row-start-1 justify-self-end md:col-start-auto md:row-span-1 md:row-start-auto">
          <OutcomeBadge outcome={e.outcome} />
        </span>
      </button>
      {open ? <EntryDetails e={e} id={detailsId} onFilter={onFilter} /> : null}
    </li>
  );
}
