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

export interface DirectoryListResponse {
  contacts: ContactView[];
  /** How many contacts match in all. */
  total: number;
  offset: number;
  limit: number;
}

export interface ImportPreview {
  lines: ImportLineView[];
  valid: number;
  invalid: number;
  /** True when the first row was taken as column names. */
  header: boolean;
}

export interface ImportResult {
  imported: number;
  /** The lines not imported, with their reasons. */
  skipped: ImportLineView[];
}

export const directoryKeys = {
  all: ["directory"] as const,
  list: (q: string, offset: number) => [...directoryKeys.all, "list", q, offset] as const,
};

/** Who holds a number; null when no contact does. */
export interface NumberLookup {
  /** The number read into E.164. */
  number: string;
  contact: { id: string; name: string; organisation: string | null } | null;
}

export interface NameNumberResult {
  contact: ContactView;
  /** True when a contact was added, false when the holder was renamed. */
  created: boolean;
}
