import type { ReactNode } from "react";

/**
 * The card a conference page's side panel sits in (expected attendees, left recently,
 * room policies): a section named by its heading, white on slate, one border and shadow.
 */
export function Panel({
  labelledBy,
  testId,
  children,
}: {
  /** The id of the panel's heading. */
  labelledBy: string;
  /** Its data-testid. */
  testId: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={labelledBy}
      data-testid={testId}
      className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      {children}
    </section>
  );
}
