"use client";
import { Plus, X } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { toastError } from "@/components/ui/error-toast";
import { FieldError, Input, Label, Textarea } from "@/components/ui/input";
import { ApiError } from "@/lib/api/errors";
import { ContactTextField } from "./contact-fields";
import { useSaveContact } from "@/lib/directory/client/queries";
import type { ContactView } from "@/lib/directory/types";
import {
  CONTACT_NAME_MAX,
  CONTACT_NOTES_MAX,
  CONTACT_NUMBER_INPUT_MAX,
  CONTACT_NUMBERS_MAX,
  CONTACT_ORGANISATION_MAX,
} from "@/lib/vocabulary/directory";

/**
 * Add or edit a contact. The server reads the numbers (libphonenumber, the
 * deployment's default country) and answers per field; those answers are shown under
 * the field they name ("numbers.1" under the second number).
 */
export function ContactDialog({
  contact,
  open,
  onOpenChange,
}: {
  /** The contact to edit, or null to add one. */
  contact: ContactView | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={contact ? `Edit ${contact.name}` : "Add a contact"}
      description="Numbers may be typed as people write them; Gavel stores them in international form."
      className="max-w-lg"
    >
      {/* Keyed so each opening starts from the contact as it is now. */}
      {open ? <ContactForm key={contact?.id ?? "new"} contact={contact} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function ContactForm({ contact, onDone }: { contact: ContactView | null; onDone: () => void }) {
  const save = useSaveContact();
  const [name, setName] = useState(contact?.name ?? "");
  const [numbers, setNumbers] = useState<string[]>(contact?.numbers.length ? contact.numbers : [""]);
  const [organisation, setOrganisation] = useState(contact?.organisation ?? "");
  const [notes, setNotes] = useState(contact?.notes ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const typed = numbers.map((n) => n.trim()).filter((n) => n !== "");
    const problems: Record<string, string> = {};
    if (name.trim() === "") problems.name = "enter a name";
    if (typed.length === 0) problems["numbers.0"] = "enter a phone number";
    if (Object.keys(problems).length > 0) {
      setErrors(problems);
      return;
    }
    setErrors({});
    save.mutate(
      { id: contact?.id ?? null, body: { name, numbers: typed, organisation, notes } },
      {
        onSuccess: (r) => {
          toast.success(contact ? `Saved ${r.contact.name}` : `Added ${r.contact.name}`);
          onDone();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.details?.fields) {
            setErrors(Object.fromEntries(err.details.fields.map((f) => [f.path, f.message])));
          } else if (err instanceof ApiError && err.code === "conflict") {
            const at = typed.indexOf(String(err.details?.number ?? ""));
            setErrors({ [`numbers.${Math.max(0, at)}`]: err.message });
          } else toastError(contact ? "Could not save the contact" : "Could not add the contact", err);
        },
      },
    );
  }

  const numberError = (i: number) => errors[`numbers.${i}`] ?? (i === 0 ? errors.numbers : undefined);
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={contact ? "Edit contact" : "Add contact"}>
      <ContactTextField
        id="contact-name"
        label="Name"
        value={name}
        maxLength={CONTACT_NAME_MAX}
        onChange={setName}
        error={errors.name}
      />
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Phone numbers</legend>
        {numbers.map((n, i) => (
          <div key={i} className="space-y-1">
            <div className="flex gap-2">
              <Input
                aria-label={`Phone number ${i + 1}`}
                value={n}
                maxLength={CONTACT_NUMBER_INPUT_MAX}
                inputMode="tel"
                className="font-mono"
                onChange={(e) => setNumbers(numbers.map((m, j) => (j === i ? e.target.value : m)))}
                aria-invalid={!!numberError(i)}
                autoComplete="off"
                placeholder="+44 20 7946 0018"
              />
              {numbers.length > 1 ? (
                <Button
                  size="icon"
                  variant="ghost"
                  className="h-9 w-9 shrink-0"
                  aria-label={`Remove phone number ${i + 1}`}
                  onClick={() => setNumbers(numbers.filter((_, j) => j !== i))}
                >
                  <X aria-hidden className="size-4" />
                </Button>
              ) : null}
            </div>
            <FieldError>{numberError(i) ? `Number ${i + 1}: ${numberError(i)}` : null}</FieldError>
          </div>
        ))}
        {numbers.length < CONTACT_NUMBERS_MAX ? (
          <Button size="sm" variant="ghost" onClick={() => setNumbers([...numbers, ""])}>
            <Plus aria-hidden className="size-4" /> Another number
          </Button>
        ) : null}
      </fieldset>
      <ContactTextField
        id="contact-organisation"
        label="Organisation"
        value={organisation}
        maxLength={CONTACT_ORGANISATION_MAX}
        onChange={setOrganisation}
        error={errors.organisation}
      />
      <div className="space-y-1">
        <Label htmlFor="contact-notes">Notes</Label>
        <Textarea
          id="contact-notes"
          rows={3}
          value={notes}
          maxLength={CONTACT_NOTES_MAX}
          onChange={(e) => setNotes(e.target.value)}
          aria-invalid={!!errors.notes}
        />
        <FieldError>{errors.notes ? `Notes: ${errors.notes}` : null}</FieldError>
      </div>
      <div className="flex justify-end gap-2 pt-1">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : contact ? "Save" : "Add contact"}
        </Button>
      </div>
    </form>
  );
}
