/** What the directory page draws: plain types, no zod (components import only these). */

/** A contact as the API shows it. Times are ISO strings. */
export interface ContactView {
  id: string;
  name: string;
  /** E.164. */
  numbers: string[];
  organisation: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One line of an import, as the preview shows it. */
export interface ImportLineView {
  line: number;
  name: string;
  numbers: string[];
  organisation: string | null;
  ok: boolean;
  errors: string[];
}
