"use client";
/**
 * "Dial everyone missing" for the Expected panel (loaded when the panel is shown to
 * someone who may dial): the confirmation with the count (and, optionally, the ones who
 * left), then the dial list's rows (components/callouts/dial-list-run.tsx), each
 * following its callout, with Retry for the lines that did not connect. The server
 * dials only the confirmed numbers still missing when it looks; the rest are named.
 */
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toastError } from "@/components/ui/error-toast";
import { newIdempotencyKey, useCallouts, usePlaceBatch } from "@/lib/callouts/client/queries";
import type { CheckedLine } from "@/lib/callouts/dial-list";
import type { BatchResponse } from "@/lib/callouts/types";
import { formatNumber } from "@/lib/conferences/format";
import { useDialMissing } from "@/lib/invites/client/queries";
import { inviteName } from "@/lib/invites/status";
import type { DialSkipped, InviteView } from "@/lib/invites/types";
import { DialListRun, type LineOutcome, type Run } from "../callouts/dial-list-run";

const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;

const SKIP_WORDS: Record<DialSkipped["reason"], string> = {
  present: "joined meanwhile",
  left: "left (not included)",
  not_invited: "no longer on the list",
};

/** The run as the dial list's rows draw it: one line per callout the server placed. */
function runOf(r: BatchResponse): Run {
  const lines: CheckedLine[] = r.results.map((res, i) => ({
    line: i + 1,
    number: res.number,
    label: res.label ?? undefined,
    ok: true,
    e164: res.number,
  }));
  const outcomes = new Map<number, LineOutcome>(
    r.results.map((res, i) => [
      i,
      res.callout
        ? { calloutId: res.callout.id, error: res.ok ? undefined : res.error?.message }
        : { error: res.error?.message ?? "Not placed" },
    ]),
  );
  return {
    batchId: r.batchId,
    conferenceId: r.conferenceId,
    lines,
    outcomes,
    settings: { cli: "", dtmf: "", greeting: "", locale: "", mohClass: "" },
  };
}

export function DialMissing({
  conferenceId,
  missing,
  left,
  confirming,
  onConfirmingChange,
}: {
  conferenceId: string;
  missing: InviteView[];
  left: InviteView[];
  confirming: boolean;
  onConfirmingChange: (open: boolean) => void;
}) {
  const dial = useDialMissing(conferenceId);
  const retry = usePlaceBatch();
  const [includeLeft, setIncludeLeft] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  const batch = useCallouts(run ? { batchId: run.batchId, limit: 1000 } : {}, run !== null);
  const byId = useMemo(() => new Map((run ? (batch.data ?? []) : []).map((c) => [c.id, c])), [batch.data, run]);

  const targets = includeLeft && left.length ? [...missing, ...left] : missing;

  function confirm() {
    if (targets.length === 0) return;
    dial.mutate(
      { numbers: targets.map((t) => t.number), includeLeft, batchId: newIdempotencyKey() },
      {
        onSuccess: (r) => {
          onConfirmingChange(false);
          if (r.batch) setRun(runOf(r.batch));
          const skipped = r.skipped.map((s) => `${formatNumber(s.number)} ${SKIP_WORDS[s.reason]}`);
          const placed = r.batch?.placed ?? 0;
          const message = `Calling ${people(placed)} into the conference`;
          if (skipped.length) toast.info(`${message}; not called: ${skipped.join(", ")}`);
          else if (r.batch?.failed) toast.warning(`${placed} of ${r.batch.results.length} calls placed`);
          else toast.success(message);
        },
        onError: (e) => toastError("Could not dial the missing", e),
      },
    );
  }

  function retryLines(positions: number[]) {
    if (!run) return;
    const lines = positions.flatMap((p) => {
      const l = run.lines[p];
      return l && l.ok ? [{ number: l.e164, label: l.label, idempotencyKey: newIdempotencyKey() }] : [];
    });
    const outcomes = new Map(run.outcomes);
    for (const p of positions) outcomes.set(p, { sending: true });
    setRun({ ...run, outcomes });
    retry.mutate(
      { conferenceId, batchId: run.batchId, lines },
      {
        onSuccess: (r) =>
          setRun((prev) => {
            if (!prev) return prev;
            const o = new Map(prev.outcomes);
            for (const res of r.results) {
              const p = positions[res.index];
              if (p === undefined) continue;
              o.set(p, res.callout ? { calloutId: res.callout.id } : { error: res.error?.message ?? "Not placed" });
            }
            return { ...prev, outcomes: o };
          }),
        onError: (e) => toastError("Could not dial again", e),
      },
    );
  }

  return (
    <>
      {run ? (
        <div className="border-t border-slate-200 px-3 py-2 dark:border-slate-800" data-testid="expected-dial-run">
          <DialListRun
            run={run}
            byId={byId}
            pending={retry.isPending}
            onRetry={retryLines}
            onNewList={() => setRun(null)}
          />
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          open
          onOpenChange={onConfirmingChange}
          title="Dial everyone missing?"
          description={
            targets.length === 0
              ? "Everyone expected has joined."
              : `Gavel will call ${people(targets.length)} into the conference, a few at a time. Anyone who joins before the call is placed is skipped.`
          }
          confirmVariant="primary"
          confirmLabel={dial.isPending ? "Dialling…" : `Dial ${targets.length}`}
          busy={dial.isPending || targets.length === 0}
          onConfirm={confirm}
        >
          <ul className="max-h-40 space-y-0.5 overflow-y-auto text-sm" aria-label="To be called">
            {targets.map((t) => (
              <li key={t.number} className="truncate">
                {inviteName(t) ? <span className="mr-1.5 font-medium">{inviteName(t)}</span> : null}
                <span className="tabular-nums text-slate-500 dark:text-slate-400">{formatNumber(t.number)}</span>
              </li>
            ))}
          </ul>
          {left.length > 0 ? (
            <label className="mt-3 flex items-center gap-2 text-sm">
              <Checkbox checked={includeLeft} onCheckedChange={(v) => setIncludeLeft(v === true)} />
              Also call the {people(left.length)} who left
            </label>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
