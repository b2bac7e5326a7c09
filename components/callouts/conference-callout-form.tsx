"use client";
import { useState, type FormEvent } from "react";
import { Input, Textarea } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { LABEL_MAX } from "@/lib/vocabulary/callouts";
import type { CalloutSettings, PlaceCalloutResponse } from "@/lib/callouts/types";
import {
  Advanced,
  CallButton,
  CallerIdField,
  DestinationField,
  describedBy,
  Field,
  LocaleField,
  MohField,
  WholeNumberField,
  wholeOrBlank,
} from "./fields";
import { useDirectoryLabel } from "./use-directory-label";
import { useCalloutForm } from "./use-submit-callout";

/**
 * Call someone into a conference. With `conferenceId` fixed (the conference page's
 * "Dial in"), the conference field is shown read-only.
 */
export function ConferenceCalloutForm({
  settings,
  fixedConferenceId,
  onPlaced,
  idPrefix = "conf",
}: {
  settings: CalloutSettings;
  fixedConferenceId?: string;
  onPlaced?: (r: PlaceCalloutResponse) => void;
  idPrefix?: string;
}) {
  const { formRef, submit, errors, pending, destination, destinationField } = useCalloutForm(settings, idPrefix);
  const [conferenceId, setConferenceId] = useState(fixedConferenceId ?? "");
  const [label, setLabel] = useState("");
  const directoryName = useDirectoryLabel(destination, label, setLabel);
  const [cli, setCli] = useState("");
  const [dtmf, setDtmf] = useState("");
  const [greeting, setGreeting] = useState("");
  const [locale, setLocale] = useState("");
  const [moh, setMoh] = useState("");
  const [maxDuration, setMaxDuration] = useState("");
  const [dtmfMode, setDtmfMode] = useState("");
  const [maxDigits, setMaxDigits] = useState("");
  const [timeoutMills, setTimeoutMills] = useState("");

  const id = (name: string) => `${idPrefix}-${name}`;
  const err = (path: string) => errors[path];

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    submit(
      {
        type: "conference",
        destination,
        conferenceId: fixedConferenceId ?? conferenceId,
        cli,
        label,
        dtmf,
        greeting,
        locale,
        mohClass: moh,
        maxDuration: wholeOrBlank(maxDuration),
        ...(dtmfMode
          ? {
              conferenceDtmfOptions: {
                mode: dtmfMode,
                maxDigits: wholeOrBlank(maxDigits),
                timeoutMills: wholeOrBlank(timeoutMills),
              },
            }
          : {}),
      },
      (r) => {
        // Ready for the next person into the same conference.
        if (!r.replayed) setLabel("");
        onPlaced?.(r);
      },
    );
  }

  const labelHint =
    directoryName && label === directoryName
      ? "From the directory. Shown on their row in the conference (sent to Sinch as custom)."
      : "Shown on their row in the conference (sent to Sinch as custom).";
  const greetingHint = "Spoken to them before they join.";
  const dtmfHint = "Sent when they answer, e.g. a meeting PIN: 0-9, # and *; w waits half a second.";
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Conference callout">
      <DestinationField {...destinationField} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("conference")} label="Conference ID" error={err("conferenceId")}>
          <Input
            {...describedBy(id("conference"), err("conferenceId"), undefined)}
            value={fixedConferenceId ?? conferenceId}
            onChange={(e) => setConferenceId(e.target.value)}
            readOnly={fixedConferenceId !== undefined}
            className="read-only:bg-slate-100 read-only:text-slate-600 dark:read-only:bg-slate-800 dark:read-only:text-slate-300"
            placeholder="weekly-sync"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
          />
        </Field>
        <Field id={id("label")} label="Display label" hint={labelHint} error={err("label")}>
          <Input
            {...describedBy(id("label"), err("label"), labelHint)}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            placeholder="Alice (Legal)"
            maxLength={LABEL_MAX + 20}
            autoComplete="off"
          />
        </Field>
        <CallerIdField id={id("cli")} value={cli} onChange={setCli} callerIds={settings.callerIds} error={err("cli")} />
        <Field id={id("dtmf")} label="PIN digits" hint={dtmfHint} error={err("dtmf")}>
          <Input
            {...describedBy(id("dtmf"), err("dtmf"), dtmfHint)}
            value={dtmf}
            onChange={(e) => setDtmf(e.target.value)}
            placeholder="1234#"
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
        </Field>
      </div>

      <Advanced>
        <Field id={id("greeting")} label="Greeting" hint={greetingHint} error={err("greeting")}>
          <Textarea
            {...describedBy(id("greeting"), err("greeting"), greetingHint)}
            rows={2}
            value={greeting}
            onChange={(e) => setGreeting(e.target.value)}
            placeholder="Welcome to the weekly sync."
          />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <LocaleField id={id("locale")} value={locale} onChange={setLocale} error={err("locale")} />
          <MohField id={id("moh")} value={moh} onChange={setMoh} error={err("mohClass")} />
          <WholeNumberField
            id={id("max")}
            label="Maximum duration (seconds)"
            value={maxDuration}
            onChange={setMaxDuration}
            error={err("maxDuration")}
            placeholder="No limit"
          />
          <Field id={id("dtmf-mode")} label="Digits in the room" error={err("conferenceDtmfOptions.mode")}>
            <NativeSelect
              {...describedBy(id("dtmf-mode"), err("conferenceDtmfOptions.mode"), undefined)}
              value={dtmfMode}
              onChange={(e) => setDtmfMode(e.target.value)}
            >
              <option value="">Sinch&apos;s default</option>
              <option value="ignore">Ignore</option>
              <option value="forward">Forward to the room</option>
              <option value="detect">Detect (sent to your PIE callback)</option>
            </NativeSelect>
          </Field>
          {dtmfMode ? (
            <>
              <WholeNumberField
                id={id("max-digits")}
                label="Max digits"
                value={maxDigits}
                onChange={setMaxDigits}
                error={err("conferenceDtmfOptions.maxDigits")}
                placeholder="1"
              />
              <WholeNumberField
                id={id("timeout")}
                label="Digit timeout (ms)"
                value={timeoutMills}
                onChange={setTimeoutMills}
                error={err("conferenceDtmfOptions.timeoutMills")}
                placeholder="3000"
              />
            </>
          ) : null}
        </div>
      </Advanced>

      <CallButton pending={pending}>Call</CallButton>
    </form>
  );
}
