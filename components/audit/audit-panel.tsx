"use client";
import { ChevronDown, ChevronRight, Copy, Download, ListFilter, RotateCw } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { errorMessage, RequestId } from "@/components/ui/error-toast";
import { FieldError, Input, Label } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { ApiError } from "@/lib/api/errors";
import { useAuditPage } from "@/lib/audit/client/queries";
import { auditFiltersSchema, auditQueryString, type AuditEntryView, type AuditFilters } from "@/lib/audit/schemas";
import { actionLabel, AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS } from "@/lib/audit/types";
import { formatNumber } from "@/lib/conferences/format";
import { cn } from "@/lib/ui/cn";
import { copyText } from "@/lib/ui/client/copy";

/** ISO (UTC) → the value a datetime-local input shows, in this browser's zone. */
function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return "";
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (this browser's zone) → epoch ms; `endOfMinute` makes "to 16:00" include 16:00:59. */
function fromLocalInput(v: string, endOfMinute = false): number | undefined {
  if (!v) return undefined;
  const t = new Date(v).getTime();
  if (Number.isNaN(t)) return undefined;
  return endOfMinute && t % 60_000 === 0 ? t + 59_999 : t;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

interface FormState {
  from: string;
  to: string;
  actor: string;
  conferenceId: string;
  action: string;
  outcome: string;
  requestId: string;
}

function formFrom(f: AuditFilters | null): FormState {
  return {
    from: toLocalInput(f?.from),
    to: toLocalInput(f?.to),
    actor: f?.actor ?? "",
    conferenceId: f?.conferenceId ?? "",
    action: f?.action ?? "",
    outcome: f?.outcome ?? "",
    requestId: f?.requestId ?? "",
  };
}

function Filters({ current, onApply }: { current: AuditFilters | null; onApply: (f: Partial<AuditFilters>) => void }) {
  const [form, setForm] = useState<FormState>(() => formFrom(current));
  const [error, setError] = useState<string | null>(null);
  // On a phone the form would push the entries a screen down: it folds away there.
  const [shown, setShown] = useState(false);
  const formId = useId();
  const active = current
    ? Object.entries(current).filter(([k, v]) => k !== "cursor" && k !== "limit" && v !== undefined).length
    : 0;
  const set = (k: keyof FormState) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const from = fromLocalInput(form.from);
    const to = fromLocalInput(form.to, true);
    const raw = {
      from: from === undefined ? "" : new Date(from).toISOString(),
      to: to === undefined ? "" : new Date(to).toISOString(),
      actor: form.actor,
      conferenceId: form.conferenceId,
      action: form.action,
      outcome: form.outcome,
      requestId: form.requestId,
    };
    const parsed = auditFiltersSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      setError(first ? `${String(first.path[0] ?? "Filters")}: ${first.message}` : "Check the filters");
      return;
    }
    setError(null);
    const { cursor: _cursor, limit, ...selection } = parsed.data;
    onApply({ ...selection, limit: current?.limit ?? limit });
  }

  return (
    <div>
      <Button
        variant="secondary"
        className="w-full sm:hidden"
        aria-expanded={shown}
        aria-controls={formId}
        onClick={() => setShown((v) => !v)}
      >
        <ListFilter aria-hidden className="size-4" />
        {shown ? "Hide filters" : "Filters"}
        {active > 0 ? ` (${active} active)` : ""}
      </Button>
      <form
        id={formId}
        onSubmit={submit}
        aria-label="Filter the audit trail"
        className={cn(
          "gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid sm:grid-cols-2 lg:grid-cols-4 dark:border-slate-800 dark:bg-slate-900",
          shown ? "mt-2 grid sm:mt-0" : "hidden",
        )}
      >
        <div className="space-y-1">
          <Label htmlFor="audit-from">From</Label>
          <Input id="audit-from" type="datetime-local" value={form.from} onChange={set("from")} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-to">To</Label>
          <Input id="audit-to" type="datetime-local" value={form.to} onChange={set("to")} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-actor">Actor (email)</Label>
          <Input
            id="audit-actor"
            type="email"
            placeholder="ann@example.com"
            value={form.actor}
            onChange={set("actor")}
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-conference">Conference ID</Label>
          <Input id="audit-conference" value={form.conferenceId} onChange={set("conferenceId")} />
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-action">Action</Label>
          <NativeSelect id="audit-action" value={form.action} onChange={set("action")}>
            <option value="">Any action</option>
            {AUDIT_ACTION_GROUPS.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.actions.map((a) => (
                  <option key={a} value={a}>
                    {AUDIT_ACTION_LABELS[a]}
                  </option>
                ))}
              </optgroup>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-outcome">Outcome</Label>
          <NativeSelect id="audit-outcome" value={form.outcome} onChange={set("outcome")}>
            <option value="">Any outcome</option>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-request">Request ID</Label>
          <Input id="audit-request" className="font-mono" value={form.requestId} onChange={set("requestId")} />
        </div>
        <div className="flex items-end gap-2">
          <Button type="submit" variant="primary">
            Apply filters
          </Button>
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              setForm(formFrom(null));
              setError(null);
              onApply({});
            }}
          >
            Clear
          </Button>
        </div>
        {error ? (
          <div className="sm:col-span-2 lg:col-span-4">
            <FieldError>{error}</FieldError>
          </div>
        ) : null}
      </form>
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
  const target = e.targetNumber ? formatNumber(e.targetNumber) : e.targetCallId;
  const parts = [e.conferenceId, target].filter((v): v is string => Boolean(v));
  if (parts.length === 0 && e.action.startsWith("user.") && typeof e.params?.email === "string")
    parts.push(e.params.email);
  return parts.length > 0 ? parts.join(" · ") : null;
}

function EntryDetails({
  e,
  id,
  onFilter,
}: {
  e: AuditEntryView;
  id: string;
  onFilter: (f: Partial<AuditFilters>) => void;
}) {
  return (
    <div id={id} className="border-t border-slate-200 bg-slate-50 px-4 py-3 dark:border-slate-800 dark:bg-slate-950/40">
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3">
        <Field label="Time">
          {when(e.at)} <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{e.at}</span>
        </Field>
        <Field label="Actor">{e.actorEmail}</Field>
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
        <Field label="Target number">{e.targetNumber ? formatNumber(e.targetNumber) : null}</Field>
        <Field label="Target call ID" mono>
          {e.targetCallId}
        </Field>
        <Field label="Outcome">{e.outcome === "succeeded" ? "Succeeded" : "Failed"}</Field>
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

function EntryRow({ e, onFilter }: { e: AuditEntryView; onFilter: (f: Partial<AuditFilters>) => void }) {
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
        className="grid w-full grid-cols-[auto_1fr_auto] items-start gap-x-3 gap-y-0.5 px-4 py-2.5 text-left hover:bg-slate-50 md:grid-cols-[auto_13.5rem_minmax(0,0.9fr)_minmax(0,1fr)_minmax(0,1.5fr)_6rem] md:items-center dark:hover:bg-slate-800/50"
      >
        {open ? (
          <ChevronDown aria-hidden className="mt-0.5 size-4 text-slate-400 md:mt-0" />
        ) : (
          <ChevronRight aria-hidden className="mt-0.5 size-4 text-slate-400 md:mt-0" />
        )}
        <span className="col-start-2 whitespace-nowrap text-xs tabular-nums text-slate-500 md:col-start-auto md:text-sm dark:text-slate-400">
          <time dateTime={e.at}>{when(e.at)}</time>
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
          {e.outcome === "succeeded" ? <Badge tone="success">Succeeded</Badge> : <Badge tone="danger">Failed</Badge>}
        </span>
      </button>
      {open ? <EntryDetails e={e} id={detailsId} onFilter={onFilter} /> : null}
    </li>
  );
}

function withoutPaging(f: AuditFilters): Partial<AuditFilters> {
  const { cursor: _cursor, limit: _limit, ...selection } = f;
  return selection;
}

/** The audit trail: filters in the URL (shareable), keyset pages, each entry expandable, CSV export of the filtered set. */
export function AuditPanel() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const query = searchParams.toString();
  const parsed = auditFiltersSchema.safeParse(Object.fromEntries(searchParams));
  const current = parsed.success ? parsed.data : null;
  const page = useAuditPage(query);

  const go = (f: Partial<AuditFilters>) => {
    const q = auditQueryString(f);
    router.push(q ? `${pathname}?${q}` : pathname);
  };
  const withCursor = (cursor: string | undefined) => go({ ...(current ?? {}), cursor });
  const selection: Partial<AuditFilters> = current ? withoutPaging(current) : {};
  const exportQuery = auditQueryString(selection);
  const filtered = Object.values(selection).some((v) => v !== undefined);
  const entries = page.data?.entries ?? [];
  const requestId = page.error instanceof ApiError ? page.error.requestId : undefined;

  return (
    <div className="space-y-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-xl font-semibold">Audit trail</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every action that changed something, who did it, and how it went. Newest first.
          </p>
        </div>
        <div className="flex gap-2">
          <Button variant="ghost" onClick={() => void page.refetch()} disabled={page.isFetching} aria-label="Refresh">
            {page.isFetching ? <Spinner /> : <RotateCw aria-hidden className="size-4" />}
            <span className="hidden sm:inline">Refresh</span>
          </Button>
          <a
            className={buttonVariants({ variant: "secondary" })}
            href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`}
            download
          >
            <Download aria-hidden className="size-4" />
            Export CSV{filtered ? " (filtered)" : ""}
          </a>
        </div>
      </div>

      <Filters key={query.replace(/(^|&)cursor=[^&]*/, "")} current={current} onApply={go} />

      {!parsed.success ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          The filters in this link are not valid: {parsed.error.issues[0]?.message}. Clear them to start again.
        </p>
      ) : null}

      <section
        aria-label="Audit entries"
        aria-busy={page.isFetching}
        className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="hidden grid-cols-[auto_13.5rem_minmax(0,0.9fr)_minmax(0,1fr)_minmax(0,1.5fr)_6rem] gap-x-3 border-b border-slate-200 px-4 py-2 text-xs font-medium uppercase tracking-wide text-slate-500 md:grid dark:border-slate-800 dark:text-slate-400">
          <span className="w-4" />
          <span>Time</span>
          <span>Action</span>
          <span>Actor</span>
          <span>Subject</span>
          <span className="justify-self-end">Outcome</span>
        </div>
        {page.isPending ? (
          <div className="flex items-center gap-2 px-4 py-6 text-sm text-slate-600 dark:text-slate-400">
            <Spinner /> Loading the audit trail…
          </div>
        ) : page.isError && entries.length === 0 ? (
          <div role="alert" className="px-4 py-6 text-sm text-red-700 dark:text-red-300">
            Could not load the audit trail: {errorMessage(page.error)}
            {requestId ? <RequestId id={requestId} /> : null}
          </div>
        ) : entries.length === 0 ? (
          <p className="px-4 py-6 text-sm text-slate-600 dark:text-slate-400">
            {current?.cursor
              ? "No more entries this way."
              : filtered
                ? "No entries match these filters."
                : "Nothing has been recorded yet."}
          </p>
        ) : (
          <ul>
            {entries.map((e) => (
              <EntryRow key={e.id} e={e} onFilter={(f) => go({ ...selection, ...f })} />
            ))}
          </ul>
        )}
      </section>

      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {entries.length > 0 ? `${entries.length} ${entries.length === 1 ? "entry" : "entries"} on this page` : null}
        </p>
        <div className="flex gap-2">
          <Button size="sm" variant="ghost" disabled={!current?.cursor} onClick={() => withCursor(undefined)}>
            Newest
          </Button>
          <Button
            size="sm"
            disabled={!page.data?.prevCursor}
            onClick={() => withCursor(page.data?.prevCursor ?? undefined)}
          >
            Newer
          </Button>
          <Button
            size="sm"
            disabled={!page.data?.nextCursor}
            onClick={() => withCursor(page.data?.nextCursor ?? undefined)}
          >
            Older
          </Button>
        </div>
      </nav>
    </div>
  );
}
