"use client";
import { ListFilter } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { NativeSelect, Options } from "@/components/ui/select";
import { auditFiltersSchema, type AuditFilters } from "@/lib/audit/schemas";
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTION_LABELS,
  AUDIT_OUTCOME_HINTS,
  AUDIT_OUTCOME_LABELS,
  AUDIT_OUTCOMES,
} from "@/lib/audit/types";
import { cn } from "@/lib/ui/cn";
import { fromDateTimeLocal, iso, toDateTimeLocal } from "@/lib/util/time";

/** The form's fields as typed, before they are checked against the filters' schema. */
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
    from: toDateTimeLocal(f?.from),
    to: toDateTimeLocal(f?.to),
    actor: f?.actor ?? "",
    conferenceId: f?.conferenceId ?? "",
    action: f?.action ?? "",
    outcome: f?.outcome ?? "",
    requestId: f?.requestId ?? "",
  };
}

/**
 * The audit trail's filter form. It starts from the filters in the URL (`current`) and
 * hands checked filters to `onApply`, keeping the page size; the panel puts them in the URL.
 */
export function AuditFilterForm({
  current,
  onApply,
}: {
  current: AuditFilters | null;
  onApply: (f: Partial<AuditFilters>) => void;
}) {
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
    const from = fromDateTimeLocal(form.from);
    const to = fromDateTimeLocal(form.to, true);
    const raw = {
      from: from === undefined ? "" : iso(from),
      to: to === undefined ? "" : iso(to),
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
                <Options values={g.actions} label={AUDIT_ACTION_LABELS} />
              </optgroup>
            ))}
          </NativeSelect>
        </div>
        <div className="space-y-1">
          <Label htmlFor="audit-outcome">Outcome</Label>
          <NativeSelect id="audit-outcome" value={form.outcome} onChange={set("outcome")}>
            <option value="">Any outcome</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o} title={AUDIT_OUTCOME_HINTS[o]}>
                {AUDIT_OUTCOME_LABELS[o]}
              </option>
            ))}
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
