"use client";
/**
 * A contact's one-line text fields (its name, its organisation) as the directory's
 * dialogs show them: label, input capped at the directory's length, and the error
 * under it ("Name: enter a name"), with an optional note below that the input is
 * described by. Used by the contact dialog and "Name this number".
 */
import type { ReactNode } from "react";
import { FieldError, Input, Label } from "@/components/ui/input";

export function ContactTextField({
  id,
  label,
  value,
  maxLength,
  onChange,
  error,
  note,
  autoFocus,
}: {
  id: string;
  label: string;
  value: string;
  maxLength: number;
  onChange: (value: string) => void;
  error?: string | null;
  /** Shown under the field (and its error), with id `${id}-note`. */
  note?: ReactNode;
  autoFocus?: boolean;
}) {
  const describedBy = [error ? `${id}-error` : null, note ? `${id}-note` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        value={value}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!error}
        aria-describedby={describedBy || undefined}
        autoComplete="off"
        autoFocus={autoFocus}
      />
      <FieldError id={`${id}-error`}>{error ? `${label}: ${error}` : null}</FieldError>
      {note ? (
        <p id={`${id}-note`} className="text-xs text-slate-500 dark:text-slate-400">
          {note}
        </p>
      ) : null}
    </div>
  );
}
