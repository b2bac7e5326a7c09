"use client";
import { ArrowRight } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { conferenceHref } from "@/lib/conferences/client/queries";
import { CONFERENCE_ID_MAX, conferenceIdProblem as idRuleBroken } from "@/lib/vocabulary/ids";

/** Why an id cannot be opened, in the words a person needs; null when it can. */
export function conferenceIdProblem(id: string): string | null {
  if (id.length === 0) return "Enter a conference ID.";
  if (id.length > CONFERENCE_ID_MAX)
    return `A conference ID is at most ${CONFERENCE_ID_MAX} characters; this one has ${id.length}.`;
  return idRuleBroken(id);
}

/**
 * Opens any conference by its id (Sinch cannot list them): the id is checked
 * (1 to 64 characters) and the console opens at /conferences/<encoded id>.
 */
export function OpenConferenceForm() {
  const router = useRouter();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    // Surrounding spaces are a copy-paste accident; spaces inside an id are kept.
    const id = value.trim();
    const problem = conferenceIdProblem(id);
    setError(problem);
    if (problem) return;
    setBusy(true);
    router.push(conferenceHref(id));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-1.5">
      <Label htmlFor={inputId}>Open conference</Label>
      <div className="flex gap-2">
        <Input
          id={inputId}
          value={value}
          placeholder="Conference ID, e.g. weekly-sync"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : hintId}
          onChange={(e) => {
            setValue(e.target.value);
            if (error) setError(null);
          }}
          className="font-mono placeholder:font-sans"
        />
        <Button type="submit" variant="primary" disabled={busy} className="shrink-0">
          Open
          <ArrowRight aria-hidden className="size-4" />
        </Button>
      </div>
      {error ? (
        <FieldError id={errorId}>{error}</FieldError>
      ) : (
        <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
          Any ID Sinch knows, up to 64 characters. It joins this list once opened.
        </p>
      )}
    </form>
  );
}
