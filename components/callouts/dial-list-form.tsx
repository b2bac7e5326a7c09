"use client";
import { ListPlus } from "lucide-react";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { toastError } from "@/components/ui/error-toast";
import { FieldError, Input, Textarea } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { TextFileButton } from "@/components/ui/text-file-button";
import { checkDialList, parseDialList } from "@/lib/callouts/dial-list";
import { newIdempotencyKey, useCallouts, usePlaceBatch } from "@/lib/callouts/client/queries";
import { MAX_BATCH_LINES } from "@/lib/vocabulary/callouts";
import type { BatchResponse, CalloutSettings } from "@/lib/callouts/types";
import { calloutSchemas, fieldErrors } from "@/lib/callouts/forms";
import { DialListRun, type Run } from "./dial-list-run";
import { Advanced, CallerIdField, describedBy, Field, LocaleField, MohField } from "./fields";

/** Paste or upload numbers and call them all into one conference; each line follows its own call. */
export function DialListForm({ settings }: { settings: CalloutSettings }) {
  const schemas = useMemo(() => calloutSchemas(settings), [settings]);
  const placeBatch = usePlaceBatch();
  const sending = useRef(false);

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
    return (
      <DialListRun
        run={run}
        byId={byId}
        pending={placeBatch.isPending}
        onRetry={(positions) => send(run, positions)}
        onNewList={() => setRun(null)}
      />
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
        aside={<TextFileButton label="Upload a CSV or text file" listOf="numbers" onText={setText} />}
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
