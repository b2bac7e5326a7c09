"use client";
import { useState, type FormEvent } from "react";
import { Input, Textarea } from "@/components/ui/input";
import { LABEL_MAX } from "@/lib/vocabulary/callouts";
import type { CalloutSettings } from "@/lib/callouts/types";
import { connectConfTemplate } from "@/lib/callouts/forms";
import {
  CallButton,
  CallerIdField,
  DestinationField,
  describedBy,
  Field,
  WholeNumberField,
  wholeOrBlank,
} from "./fields";
import { useCalloutForm } from "./use-submit-callout";
import { useDirectoryLabel } from "./use-directory-label";

const CALLBACKS = [
  {
    key: "ice",
    label: "ICE",
    hint: "What happens when the call connects. The template joins a conference: set its conferenceId.",
  },
  { key: "ace", label: "ACE", hint: "When they answer." },
  { key: "pie", label: "PIE", hint: "When they press digits in a menu." },
  { key: "dice", label: "DiCE", hint: "When the call ends." },
] as const;
type CallbackKey = (typeof CALLBACKS)[number]["key"];

/** Raw SVAML callouts, for admins: each callback is a URL Sinch asks or an SVAML document. */
export function CustomCalloutForm({ settings }: { settings: CalloutSettings }) {
  const { formRef, submit, errors, pending, destination, destinationField } = useCalloutForm(settings, "custom");
  const [cli, setCli] = useState("");
  const [label, setLabel] = useState("");
  useDirectoryLabel(destination, label, setLabel);
  const [maxDuration, setMaxDuration] = useState("");
  const [svaml, setSvaml] = useState<Record<CallbackKey, string>>({
    ice: connectConfTemplate(),
    ace: "",
    pie: "",
    dice: "",
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    submit({
      type: "custom",
      destination,
      cli,
      label,
      maxDuration: wholeOrBlank(maxDuration),
      ...svaml,
    });
  }

  const labelHint = "Sent as custom; shown on their row if the SVAML joins a conference.";
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Custom callout">
      <DestinationField {...destinationField} />
      <div className="grid gap-4 sm:grid-cols-2">
        <CallerIdField
          id="custom-cli"
          value={cli}
          onChange={setCli}
          callerIds={settings.callerIds}
          error={errors.cli}
        />
        <Field id="custom-label" label="Display label" hint={labelHint} error={errors.label}>
          <Input
            {...describedBy("custom-label", errors.label, labelHint)}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={LABEL_MAX + 20}
            autoComplete="off"
          />
        </Field>
        <WholeNumberField
          id="custom-max"
          label="Maximum duration (seconds)"
          value={maxDuration}
          onChange={setMaxDuration}
          error={errors.maxDuration}
          placeholder="No limit"
        />
      </div>
      {CALLBACKS.map((c) => {
        const id = `custom-${c.key}`;
        const hint = `${c.hint} An http(s) URL, or SVAML in JSON.`;
        return (
          <Field
            key={c.key}
            id={id}
            label={c.label}
            hint={hint}
            error={errors[c.key]}
            aside={
              c.key === "ice" ? (
                <button
                  type="button"
                  className="text-xs font-medium text-brand-600 hover:underline dark:text-brand-100"
                  onClick={() => setSvaml((s) => ({ ...s, ice: connectConfTemplate() }))}
                >
                  Use the join-a-conference template
                </button>
              ) : null
            }
          >
            <Textarea
              {...describedBy(id, errors[c.key], hint)}
              rows={c.key === "ice" ? 6 : 2}
              value={svaml[c.key]}
              onChange={(e) => setSvaml((s) => ({ ...s, [c.key]: e.target.value }))}
              spellCheck={false}
              className="font-mono text-xs"
              placeholder={c.key === "ice" ? "" : "https://example.com/sinch/callback"}
            />
          </Field>
        );
      })}
      <CallButton pending={pending}>Place custom callout</CallButton>
    </form>
  );
}
