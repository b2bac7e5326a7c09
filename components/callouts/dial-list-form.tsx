"use client";
import { ListPlus, RotateCcw, Upload } from "lucide-react";
import { useMemo, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { toastError } from "@/components/ui/error-toast";
import { FieldError, Input, Textarea } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { checkDialList, parseDialList, type CheckedLine } from "@/lib/callouts/dial-list";
import { newIdempotencyKey, useCallouts, usePlaceBatch } from "@/lib/callouts/client/queries";
import {
  calloutSchemas,
  fieldErrors,
  MAX_BATCH_LINES,
  type BatchResponse,
  type CalloutSettings,
  type CalloutView,
} from "@/lib/callouts/schemas";
import { formatNumber } from "@/lib/conferences/format";
import { CalloutStateBadge, outcomeText, SinchResult } from "./callout-state";
import { Advanced, CallerIdField, describedBy, Field, LocaleField, MohField } from "./fields";

/** What became of one line of the list. */
interface LineOutcome {
  calloutId?: string;
  /** Not placed: the server's sentence. */
  error?: string;
  /** Being sent right now. */
  sending?: boolean;
}

interface Run {
  batchId: string;
  conferenceId: string;
  lines: CheckedLine[];
  /** By position in `lines`. */
  outcomes: Map<number, LineOutcome>;
  /** The shared settings, sent again with a retry. */
  settings: { cli: string; dtmf: string; greeting: string; locale: string; mohClass: string };
}

const RETRYABLE = new Set(["busy", "no_answer", "failed"]);

function needsRetry(o: LineOutcome | undefined, byId: Map<string, CalloutView>): boolean {
  if (!o || o.sending) return false;
  if (o.calloutId) {
    const c = byId.get(o.calloutId);
    return c !== undefined && RETRYABLE.has(c.state);
  }
  return o.error !== undefined;
}

/** Paste or upload numbers and call them all into one conference; each line follows its own call. */
export function DialListForm({ settings }: { settings: CalloutSettings }) {
  const schemas = useMemo(() => calloutSchemas(settings), [settings]);
  const placeBatch = usePlaceBatch();
  const sending = useRef(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const [text, setText] = useState("");
  const [conferenceId, setConferenceId] = useState("");
  const [cli, setCli] = useState("");
  const [dtmf, setDtmf] = useState("");
  const [greeting, setGreeting] = useState("");
  const [locale, setLocale] = useState("");
  const [moh, setMoh] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [run, setRun] = useState<Run | null>(null);

  const checked = useMemo(
    () => checkDialList(parseDialList(text).lines, settings.defaultCountry),
    [text, settings.defaultCountry],
  );
  const valid = checked.filter((l) => l.ok);
  const invalid = checked.filter((l) => !l.ok);

  const batch = useCallouts(run ? { batchId: run.batchId, limit: 1000 } : {}, run !== null);
  const byId = useMemo(() => new Map((run ? (batch.data ?? []) : []).map((c) => [c.id, c])), [batch.data, run]);

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > 1_000_000) {
      toast.error("That file is larger than 1 MB: is it really a list of numbers?");
      return;
    }
    setText(await file.text());
    e.target.value = "";
  }

  /** Sends these line positions of the run (all valid ones, or the failed ones again). */
  function send(current: Run, positions: number[]) {
    if (sending.current || positions.length === 0) return;
    sending.current = true;
    const outcomes = new Map(current.outcomes);
    for (const p of positions) outcomes.set(p, { sending: true });
    const next = { ...current, outcomes };
    setRun(next);
    const lines = positions.map((p) => {
      const l = current.lines[p];
      return { number: l && l.ok ? l.e164 : (l?.number ?? ""), label: l?.label, idempotencyKey: newIdempotencyKey() };
    });
    placeBatch.mutate(
      { conferenceId: current.conferenceId, batchId: current.batchId, ...current.settings, lines },
      {
        onSuccess: (r: BatchResponse) => {
          setRun((prev) => {
            if (!prev || prev.batchId !== r.batchId) return prev;
            const o = new Map(prev.outcomes);
            for (const res of r.results) {
              const p = positions[res.index];
              if (p === undefined) continue;
              o.set(
                p,
                res.callout
                  ? { calloutId: res.callout.id, error: res.ok ? undefined : res.error?.message }
                  : { error: res.error?.message ?? "Not placed" },
              );
            }
            return { ...prev, outcomes: o };
          });
          if (r.failed > 0)
            toast.warning(`${r.placed} of ${r.results.length} calls placed; see the lines marked below.`);
          else toast.success(`Calling ${r.placed} ${r.placed === 1 ? "number" : "numbers"} into ${r.conferenceId}`);
        },
        onError: (e) => {
          setRun((prev) => {
            if (!prev) return prev;
            const o = new Map(prev.outcomes);
            for (const p of positions) o.set(p, { error: e.message });
            return { ...prev, outcomes: o };
          });
          toastError("Could not dial the list", e);
        },
        onSettled: () => {
          sending.current = false;
        },
      },
    );
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const parsed = schemas.batch.safeParse({
      conferenceId,
      cli,
      dtmf,
      greeting,
      locale,
      mohClass: moh,
      lines: valid.map((l) => ({ number: l.ok ? l.e164 : l.number, label: l.label })),
    });
    if (!parsed.success) Object.assign(problems, fieldErrors(parsed.error));
    if (checked.length === 0) problems.lines = "paste or upload at least one number";
    else if (valid.length === 0) problems.lines = "none of these numbers can be dialled: see the lines below";
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      return;
    }
    setErrors({});
    const newRun: Run = {
      batchId: newIdempotencyKey(),
      conferenceId,
      lines: checked,
      outcomes: new Map(),
      settings: { cli, dtmf, greeting, locale, mohClass: moh },
    };
    send(
      newRun,
      checked.flatMap((l, i) => (l.ok ? [i] : [])),
    );
  }

  if (run) {
    const retryable = run.lines.flatMap((_, i) => (needsRetry(run.outcomes.get(i), byId) ? [i] : []));
    const counts = { joined: 0, ringing: 0, failed: 0, invalid: 0 };
    run.lines.forEach((l, i) => {
      const o = run.outcomes.get(i);
      const c = o?.calloutId ? byId.get(o.calloutId) : undefined;
      if (!l.ok) counts.invalid++;
      else if (c?.state === "joined") counts.joined++;
      else if (needsRetry(o, byId) || (c && c.final)) counts.failed++;
      else counts.ringing++;
    });
    return (
      <div className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <p className="mr-auto text-sm" aria-live="polite" data-testid="dial-list-summary">
            Into <span className="font-medium">{run.conferenceId}</span>: {counts.joined} joined
            {counts.ringing ? `, ${counts.ringing} ringing` : ""}
            {counts.failed ? `, ${counts.failed} not connected` : ""}
            {counts.invalid ? `, ${counts.invalid} invalid` : ""}
          </p>
          <Button
            size="sm"
            variant="primary"
            disabled={retryable.length === 0 || placeBatch.isPending}
            onClick={() => send(run, retryable)}
          >
            {placeBatch.isPending ? <Spinner /> : <RotateCcw aria-hidden className="size-3.5" />}
            Retry failed ({retryable.length})
          </Button>
          <Button size="sm" variant="secondary" disabled={placeBatch.isPending} onClick={() => setRun(null)}>
            New list
          </Button>
        </div>
        <ol
          aria-label="Numbers in this list"
          className="divide-y divide-slate-100 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        >
          {run.lines.map((l, i) => {
            const o = run.outcomes.get(i);
            const c = o?.calloutId ? byId.get(o.calloutId) : undefined;
            return (
              <li
                key={i}
                data-testid="dial-list-line"
                data-state={!l.ok ? "invalid" : c ? c.state : o?.sending ? "sending" : o?.error ? "error" : "pending"}
                className="flex flex-wrap items-center gap-x-2 gap-y-0.5 px-3 py-1.5 text-sm"
              >
                <span className="w-8 shrink-0 text-right text-xs tabular-nums text-slate-400">{l.line}</span>
                <span className="tabular-nums">{l.ok ? formatNumber(l.e164) : l.number || "(empty)"}</span>
                {l.label ? <span className="truncate text-slate-500 dark:text-slate-400">{l.label}</span> : null}
                <span className="ml-auto flex items-center gap-2">
                  {!l.ok ? (
                    <>
                      <Badge tone="danger">Invalid</Badge>
                      <span className="text-xs text-red-700 dark:text-red-300">{l.message}</span>
                    </>
                  ) : c ? (
                    <>
                      <CalloutStateBadge state={c.state} />
                      <span className="text-xs text-slate-500 dark:text-slate-400">{outcomeText(c)}</span>
                      <SinchResult c={c} />
                    </>
                  ) : o?.sending || !o ? (
                    <span className="flex items-center gap-1 text-xs text-slate-500">
                      <Spinner className="size-3" /> Sending
                    </span>
                  ) : (
                    <>
                      <Badge tone="danger">Not placed</Badge>
                      <span className="text-xs text-red-700 dark:text-red-300">{o.error}</span>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    );
  }

  const linesHint = `One number a line, or CSV with a number and a label (a header row is fine). Up to ${MAX_BATCH_LINES}.`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Dial a list">
      <Field id="list-conference" label="Conference ID" error={errors.conferenceId}>
        <Input
          {...describedBy("list-conference", errors.conferenceId, undefined)}
          value={conferenceId}
          onChange={(e) => setConferenceId(e.target.value)}
          placeholder="weekly-sync"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
        />
      </Field>
      <Field
        id="list-numbers"
        label="Numbers"
        hint={linesHint}
        error={errors.lines}
        aside={
          <>
            <input
              ref={fileRef}
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              className="sr-only"
              aria-label="Upload a CSV or text file"
              onChange={(e) => void readFile(e)}
            />
            <button
              type="button"
              onClick={() => fileRef.current?.click()}
              className="inline-flex items-center gap-1 text-xs font-medium text-brand-600 hover:underline dark:text-brand-100"
            >
              <Upload aria-hidden className="size-3.5" /> Upload
            </button>
          </>
        }
      >
        <Textarea
          {...describedBy("list-numbers", errors.lines, linesHint)}
          rows={8}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={"number,label\n+1 202 555 0143,Alice\n+44 20 7946 0018,Bob"}
          spellCheck={false}
          className="font-mono text-xs"
        />
      </Field>
      {checked.length > 0 ? (
        <div className="space-y-1 text-sm" data-testid="dial-list-preview">
          <p aria-live="polite">
            {valid.length} to dial{invalid.length ? `, ${invalid.length} cannot be dialled:` : ""}
          </p>
          {invalid.length ? (
            <ul className="space-y-0.5 text-xs">
              {invalid.map((l) => (
                <li key={l.line} className="text-red-700 dark:text-red-300">
                  Line {l.line}: <span className="font-mono">{l.number || "(empty)"}</span> {l.ok ? "" : l.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <CallerIdField id="list-cli" value={cli} onChange={setCli} callerIds={settings.callerIds} error={errors.cli} />
        <Field id="list-dtmf" label="PIN digits" error={errors.dtmf}>
          <Input
            {...describedBy("list-dtmf", errors.dtmf, undefined)}
            value={dtmf}
            onChange={(e) => setDtmf(e.target.value)}
            className="font-mono"
            autoComplete="off"
          />
        </Field>
      </div>
      <Advanced>
        <Field id="list-greeting" label="Greeting" error={errors.greeting}>
          <Textarea
            {...describedBy("list-greeting", errors.greeting, undefined)}
            rows={2}
            value={greeting}
            onChange={(e) => setGreeting(e.target.value)}
          />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <LocaleField id="list-locale" value={locale} onChange={setLocale} error={errors.locale} />
          <MohField id="list-moh" value={moh} onChange={setMoh} error={errors.mohClass} />
        </div>
      </Advanced>
      <FieldError>{errors.form}</FieldError>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={placeBatch.isPending}>
          {placeBatch.isPending ? <Spinner /> : <ListPlus aria-hidden className="size-4" />}
          {valid.length > 0 ? `Dial ${valid.length} ${valid.length === 1 ? "number" : "numbers"}` : "Dial the list"}
        </Button>
      </div>
    </form>
  );
}
