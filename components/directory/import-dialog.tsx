"use client";
import { Fragment, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { toastError } from "@/components/ui/error-toast";
import { Label, Textarea } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { TextFileButton } from "@/components/ui/text-file-button";
import { useImportContacts, usePreviewImport } from "@/lib/directory/client/queries";
import type { ImportLineView } from "@/lib/directory/types";
import { DIRECTORY_IMPORT_MAX_ROWS } from "@/lib/vocabulary/directory";

const GOOD_SHOWN = 20;
const PLACEHOLDER =
  "name,numbers,organisation,notes\nAnn Archer,+44 20 7946 0018,Acme,chair\nBob,+1 202 555 0143; +1 202 555 0199,,";

/**
 * Paste or upload a CSV, see line by line what would be imported and why the other
 * lines would not (the server checks against the directory as it is), then import
 * the good lines. The dial list's conventions: the same CSV reader and number rules.
 */
export function ImportDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Import contacts"
      description={`CSV with a name, one or more numbers (separated by ; or |), an organisation and notes; a header row is fine. Up to ${DIRECTORY_IMPORT_MAX_ROWS.toLocaleString("en")} contacts.`}
      className="max-h-[calc(100vh-2rem)] max-w-3xl overflow-y-auto"
    >
      {open ? <ImportForm onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const preview = usePreviewImport();
  const commit = useImportContacts();
  const [text, setText] = useState("");

  function change(next: string) {
    setText(next);
    preview.reset();
  }

  function check() {
    preview.mutate(text, { onError: (e) => toastError("Could not read the contacts", e) });
  }

  function run() {
    commit.mutate(text, {
      onSuccess: (r) => {
        const skipped = r.skipped.length
          ? `; ${r.skipped.length} ${r.skipped.length === 1 ? "line" : "lines"} skipped`
          : "";
        toast.success(`Imported ${r.imported} ${r.imported === 1 ? "contact" : "contacts"}${skipped}`);
        onDone();
      },
      onError: (e) => toastError("Could not import the contacts", e),
    });
  }

  const result = preview.data;
  return (
    <div className="space-y-3">
      <div className="space-y-1">
        <div className="flex items-center justify-between gap-2">
          <Label htmlFor="import-text">Contacts</Label>
          <TextFileButton label="Upload a CSV file" listOf="contacts" onText={change} />
        </div>
        <Textarea
          id="import-text"
          rows={7}
          value={text}
          onChange={(e) => change(e.target.value)}
          placeholder={PLACEHOLDER}
          spellCheck={false}
          className="font-mono text-xs"
        />
      </div>
      {result ? <Preview lines={result.lines} valid={result.valid} invalid={result.invalid} /> : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        {result && result.valid > 0 ? (
          <Button variant="primary" onClick={run} disabled={commit.isPending}>
            {commit.isPending ? <Spinner /> : null}
            Import {result.valid} {result.valid === 1 ? "contact" : "contacts"}
          </Button>
        ) : (
          <Button variant="primary" onClick={check} disabled={preview.isPending || text.trim() === ""}>
            {preview.isPending ? <Spinner /> : null}
            Check
          </Button>
        )}
      </div>
    </div>
  );
}

function Preview({ lines, valid, invalid }: { lines: ImportLineView[]; valid: number; invalid: number }) {
  const bad = lines.filter((l) => !l.ok);
  const good = lines.filter((l) => l.ok);
  return (
    <div className="space-y-2 text-sm" data-testid="import-preview">
      <p aria-live="polite">
        <span className="font-medium">{valid}</span> can be imported
        {invalid ? (
          <>
            , <span className="font-medium text-red-700 dark:text-red-300">{invalid}</span> cannot:
          </>
        ) : (
          "."
        )}
      </p>
      {bad.length ? <LineTable lines={bad} caption="Cannot be imported" testId="import-bad-lines" showErrors /> : null}
      {good.length ? (
        <>
          <LineTable
            lines={good.slice(0, GOOD_SHOWN)}
            caption={good.length > GOOD_SHOWN ? `To import (the first ${GOOD_SHOWN})` : "To import"}
            testId="import-good-lines"
          />
          {good.length > GOOD_SHOWN ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">and {good.length - GOOD_SHOWN} more</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function LineTable({
  lines,
  caption,
  testId,
  showErrors,
}: {
  lines: ImportLineView[];
  caption: string;
  testId: string;
  showErrors?: boolean;
}) {
  return (
    <div className="max-h-64 overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-xs" data-testid={testId}>
        <caption className="bg-white px-2 py-1.5 text-left font-medium text-slate-700 dark:bg-slate-900 dark:text-slate-300">
          {caption}
        </caption>
        <thead className="sticky top-0 bg-slate-50 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
          <tr>
            <th className="px-2 py-1.5 font-medium">Line</th>
            <th className="px-2 py-1.5 font-medium">Name</th>
            <th className="px-2 py-1.5 font-medium">Numbers</th>
            {showErrors ? <th className="hidden px-2 py-1.5 font-medium sm:table-cell">Why not</th> : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <Fragment key={l.line}>
              <tr className="border-t border-slate-200 align-top dark:border-slate-800" data-line={l.line}>
                <td className="px-2 py-1.5 tabular-nums">{l.line}</td>
                <td className="max-w-32 truncate px-2 py-1.5 sm:max-w-48" title={l.name}>
                  {l.name || <span className="text-slate-400">(none)</span>}
                </td>
                <td className="px-2 py-1.5 font-mono whitespace-nowrap">{l.numbers.join(", ") || "—"}</td>
                {showErrors ? (
                  <td className="hidden min-w-48 px-2 py-1.5 text-red-700 sm:table-cell dark:text-red-300">
                    {l.errors.join("; ")}
                  </td>
                ) : null}
              </tr>
              {showErrors ? (
                // On a phone the reason gets a line of its own, under the line it is about,
                // instead of a column scrolled out of sight.
                <tr className="sm:hidden">
                  <td colSpan={3} className="px-2 pb-1.5 text-red-700 dark:text-red-300">
                    {l.errors.join("; ")}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
