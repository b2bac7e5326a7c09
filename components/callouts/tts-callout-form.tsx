"use client";
import { useState, type FormEvent } from "react";
import { Textarea } from "@/components/ui/input";
import { TTS_MAX_CHARS } from "@/lib/sinch/constants";
import type { CalloutSettings } from "@/lib/callouts/types";
import { cn } from "@/lib/ui/cn";
import { CallButton, CallerIdField, DestinationField, describedBy, Field, LocaleField } from "./fields";
import { useCalloutForm } from "./use-submit-callout";

/** "123 / 600", red past the limit; read out politely as it changes. */
function CharCount({ id, count }: { id: string; count: number }) {
  const over = count > TTS_MAX_CHARS;
  return (
    <span
      id={id}
      aria-live="polite"
      data-testid="char-count"
      className={cn(
        "text-xs tabular-nums text-slate-500 dark:text-slate-400",
        over && "font-medium text-red-600 dark:text-red-400",
      )}
    >
      {count} / {TTS_MAX_CHARS}
      {over ? ` (${count - TTS_MAX_CHARS} too many)` : ""}
    </span>
  );
}

/** Call someone and read them a message (text, or Sinch prompts). */
export function TtsCalloutForm({ settings }: { settings: CalloutSettings }) {
  const { formRef, submit, errors, pending, destination, destinationField } = useCalloutForm(settings, "tts");
  const [cli, setCli] = useState("");
  const [locale, setLocale] = useState("");
  const [mode, setMode] = useState<"text" | "prompts">("text");
  const [text, setText] = useState("");
  const [prompts, setPrompts] = useState("");

  const message = mode === "text" ? text : prompts;
  const field = mode === "text" ? "text" : "prompts";
  const messageId = `tts-${field}`;
  const error = errors[field] ?? (mode === "prompts" ? errors.text : undefined);
  const hint =
    mode === "text"
      ? "Read out when they answer; the call ends after it."
      : "Sinch prompts joined with ;, e.g. #tts[Hello];#href[https://example.com/tone.mp3]";

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    submit({ type: "tts", destination, cli, locale, ...(mode === "text" ? { text } : { prompts }) });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Text-to-speech callout">
      <DestinationField {...destinationField} />
      <div className="grid gap-4 sm:grid-cols-2">
        <CallerIdField id="tts-cli" value={cli} onChange={setCli} callerIds={settings.callerIds} error={errors.cli} />
        <LocaleField id="tts-locale" value={locale} onChange={setLocale} error={errors.locale} />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Say</legend>
        <div className="flex gap-4 text-sm">
          {(["text", "prompts"] as const).map((m) => (
            <label key={m} className="inline-flex items-center gap-1.5">
              <input type="radio" name="tts-mode" checked={mode === m} onChange={() => setMode(m)} />
              {m === "text" ? "Text" : "Prompts"}
            </label>
          ))}
        </div>
        <Field
          id={messageId}
          label={mode === "text" ? "Message" : "Prompts"}
          hint={hint}
          error={error}
          aside={<CharCount id={`${messageId}-count`} count={message.length} />}
        >
          <Textarea
            {...describedBy(messageId, error, hint)}
            rows={5}
            value={message}
            onChange={(e) => (mode === "text" ? setText(e.target.value) : setPrompts(e.target.value))}
            placeholder={mode === "text" ? "The meeting has moved to 3 pm." : "#tts[The meeting has moved]"}
            className={mode === "prompts" ? "font-mono" : undefined}
          />
        </Field>
      </fieldset>
      <CallButton pending={pending}>Call and speak</CallButton>
    </form>
  );
}
