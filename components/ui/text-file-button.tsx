"use client";
/**
 * "Upload" beside a pasted-list box (the dial list, the directory's import): picks a
 * CSV or text file, refuses one over 1 MB with a toast saying what the list should
 * be, and hands the file's text to the form.
 */
import { Upload } from "lucide-react";
import { useRef, type ChangeEvent } from "react";
import { toast } from "sonner";

const MAX_FILE_BYTES = 1_000_000;

export function TextFileButton({
  label,
  listOf,
  onText,
}: {
  /** The hidden file input's accessible name ("Upload a CSV file"). */
  label: string;
  /** What the file should be a list of, for the too-large message ("numbers"). */
  listOf: string;
  onText: (text: string) => void;
}) {
  const fileRef = useRef<HTMLInputElement>(null);

  async function readFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      toast.error(`That file is larger than 1 MB: is it really a list of ${listOf}?`);
      return;
    }
    onText(await file.text());
    e.target.value = "";
  }

  return (
    <>
      <input
        ref={fileRef}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        className="sr-only"
        aria-label={label}
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
  );
}
