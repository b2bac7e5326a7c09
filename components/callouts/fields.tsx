"use client";
import { ChevronRight, PhoneOutgoing } from "lucide-react";
import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { NativeSelect, Options } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { normalisePhoneNumber } from "@/lib/callouts/phone";
import { DESTINATION_KINDS, DESTINATION_LABELS, type DestinationKind } from "@/lib/vocabulary/callouts";
import { formatNumber } from "@/lib/conferences/format";
import { MOH_CLASSES, type MohClass } from "@/lib/sinch/constants";
import { cn } from "@/lib/ui/cn";

/** The accessibility attributes of a control with an optional hint and error below it. */
export function describedBy(id: string, error: string | undefined, hint: ReactNode | undefined) {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": ids || undefined } as const;
}

/**
 * A field error as a sentence under its field. The shared schemas word their messages
 * to follow a field path ("destination.endpoint: is too short…"); under a labelled
 * field they read "Phone number is too short…", or just capitalised.
 */
export function errorSentence(name: string | undefined, message: string): string {
  const m = message.trim();
  const camel = /^[a-z]+[A-Z]\w*\s/.exec(m);
  if (name && camel) return `${name} ${m.slice(camel[0].length)}`;
  if (name && /^(is|must|may|has|cannot|contains|needs)\b/.test(m)) return `${name} ${m}`;
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/** The props of a form field that holds one string: its control's id, the value, and the error under it. */
interface TextFieldProps {
  id: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}

/** A labelled control with its hint and its error; the control gets describedBy(id, error, hint). */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
  aside,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
  /** Shown at the right of the label (a character count, a reset link). */
  aside?: ReactNode;
}) {
  return (
    <div className={cn("space-y-1", className)}>
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {aside}
      </div>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`}>
        {error ? errorSentence(typeof label === "string" ? label : undefined, error) : null}
      </FieldError>
    </div>
  );
}

const ENDPOINT_LABEL: Record<DestinationKind, string> = {
  number: "Phone number",
  username: "Username",
  sip: "SIP address",
};
const ENDPOINT_PLACEHOLDER: Record<DestinationKind, string> = {
  number: "+1 202 555 0143",
  username: "alice",
  sip: "sip:alice@sip.example.com",
};

/** Who to call: a phone number (read against the default country), an app user or a SIP address. */
export function DestinationField({
  kind,
  onKindChange,
  value,
  onChange,
  error,
  defaultCountry,
  idPrefix,
}: {
  kind: DestinationKind;
  onKindChange: (kind: DestinationKind) => void;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  defaultCountry: string;
  idPrefix: string;
}) {
  const id = `${idPrefix}-endpoint`;
  const group = useId();
  const preview = kind === "number" && value.trim() !== "" ? normalisePhoneNumber(value, defaultCountry) : null;
  const hint =
    preview?.ok === true
      ? `Will dial ${formatNumber(preview.e164)}`
      : kind === "number"
        ? `Numbers without + are read as ${defaultCountry} numbers.`
        : kind === "username"
          ? "A user of your Sinch app (signed in with the SDK)."
          : "A SIP address Sinch can reach.";
  return (
    <div className="space-y-2">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Call</legend>
        <div className="mt-1 inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-700">
          {DESTINATION_KINDS.map((k) => (
            <label
              key={k}
              className={cn(
                "cursor-pointer rounded px-2.5 py-1 text-sm text-slate-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 dark:text-slate-300",
                kind === k && "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900",
              )}
            >
              <input
                type="radio"
                name={group}
                value={k}
                checked={kind === k}
                onChange={() => onKindChange(k)}
                className="sr-only"
              />
              {DESTINATION_LABELS[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id={id} label={ENDPOINT_LABEL[kind]} hint={hint} error={error}>
        <Input
          {...describedBy(id, error, hint)}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={ENDPOINT_PLACEHOLDER[kind]}
          autoComplete="off"
          inputMode={kind === "number" ? "tel" : undefined}
          spellCheck={false}
        />
      </Field>
    </div>
  );
}

/** The caller ID people see: one of the configured ones, or Sinch's default. */
export function CallerIdField({
  id,
  value,
  onChange,
  callerIds,
  error,
}: TextFieldProps & { callerIds: readonly string[] }) {
  const hint =
    callerIds.length === 0 ? "No caller IDs are configured (GAVEL_CALLER_IDS), so Sinch picks one." : undefined;
  return (
    <Field id={id} label="Caller ID" hint={hint} error={error}>
      <NativeSelect
        {...describedBy(id, error, hint)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={callerIds.length === 0}
      >
        <option value="">Sinch&apos;s default</option>
        <Options values={callerIds} label={formatNumber} />
      </NativeSelect>
    </Field>
  );
}

/** A native disclosure for the fields few people need. */
export function Advanced({ children, summary = "Advanced" }: { children: ReactNode; summary?: string }) {
  return (
    <details className="group rounded-md border border-slate-200 dark:border-slate-800">
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 dark:text-slate-300 dark:hover:bg-slate-800/60 [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden className="size-4 transition-transform group-open:rotate-90" />
        {summary}
      </summary>
      <div className="space-y-3 border-t border-slate-200 p-3 dark:border-slate-800">{children}</div>
    </details>
  );
}

/** Common locales for the datalist; any BCP 47 tag is accepted. */
export const LOCALES = [
  "en-US",
  "en-GB",
  "en-AU",
  "sv-SE",
  "de-DE",
  "fr-FR",
  "es-ES",
  "it-IT",
  "nl-NL",
  "da-DK",
  "nb-NO",
  "fi-FI",
  "pt-BR",
  "ja-JP",
];

export function LocaleField({ id, value, onChange, error }: TextFieldProps) {
  const hint = "The voice's language, e.g. en-US (Sinch's default) or sv-SE.";
  return (
    <Field id={id} label="Locale" hint={hint} error={error}>
      <Input
        {...describedBy(id, error, hint)}
        list={`${id}-list`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="en-US"
        autoComplete="off"
        spellCheck={false}
      />
      <datalist id={`${id}-list`}>
        {LOCALES.map((l) => (
          <option key={l} value={l} />
        ))}
      </datalist>
    </Field>
  );
}

/** The destination's error, whichever part of it (endpoint, type, or the whole) the server named. */
export function destinationError(errors: Record<string, string>): string | undefined {
  return errors["destination.endpoint"] ?? errors["destination.type"] ?? errors.destination;
}

/** "" → undefined, "12" → 12, anything else → NaN (the schema says why). */
export function wholeOrBlank(v: string): number | undefined {
  const t = v.trim();
  return t === "" ? undefined : /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** A whole number typed as text, read with wholeOrBlank: a maximum duration, a digit count. */
export function WholeNumberField({
  id,
  label,
  value,
  onChange,
  error,
  placeholder,
}: TextFieldProps & { label: string; placeholder: string }) {
  return (
    <Field id={id} label={label} error={error}>
      <Input
        {...describedBy(id, error, undefined)}
        inputMode="numeric"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        autoComplete="off"
      />
    </Field>
  );
}

const MOH_LABELS: Record<MohClass, string> = {
  ring: "Ringing tone",
  music1: "Music 1",
  music2: "Music 2",
  music3: "Music 3",
};

/** What someone alone in the conference hears: silence, or one of Sinch's music classes. */
export function MohField({ id, value, onChange, error }: TextFieldProps) {
  return (
    <Field id={id} label="Music while alone" error={error}>
      <NativeSelect {...describedBy(id, error, undefined)} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Silence</option>
        <Options values={MOH_CLASSES} label={MOH_LABELS} />
      </NativeSelect>
    </Field>
  );
}

/** A callout form's submit button: a spinner and "Calling…" while the callout is placed. */
export function CallButton({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <div className="flex items-center justify-end gap-2">
      <Button type="submit" variant="primary" disabled={pending} aria-busy={pending || undefined}>
        {pending ? <Spinner /> : <PhoneOutgoing aria-hidden className="size-4" />}
        {pending ? "Calling…" : children}
      </Button>
    </div>
  );
}
