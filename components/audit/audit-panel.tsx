"use client";
import { Download, RotateCw } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Button, buttonVariants } from "@/components/ui/button";
import { ListStates } from "@/components/ui/list-states";
import { Spinner } from "@/components/ui/spinner";
import { useAuditPage } from "@/lib/audit/client/queries";
import { auditFiltersSchema, auditQueryString, type AuditFilters, type AuditSelection } from "@/lib/audit/schemas";
import { AuditEntriesHeader, AuditEntryRow } from "./audit-entry";
import { AuditFilterForm } from "./audit-filters";

function withoutPaging(f: AuditFilters): AuditSelection {
  const { cursor: _cursor, limit: _limit, ...selection } = f;
  return selection;
}

/**
 * The audit trail: filters in the URL (shareable), keyset pages, each entry expandable,
 * CSV export of the filtered set. This file reads and writes the URL; the filter form
 * and the entries are their own components.
 */
export function AuditPanel() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const query = searchParams.toString();
  const parsed = auditFiltersSchema.safeParse(Object.fromEntries(searchParams));
  const current = parsed.success ? parsed.data : null;
  const page = useAuditPage(query);

  const go = (f: Partial<AuditFilters>) => {
    const q = auditQueryString(f);
    router.push(q ? `${pathname}?${q}` : pathname);
  };
  const withCursor = (cursor: string | undefined) => go({ ...(current ?? {}), cursor });
  const selection: AuditSelection = current ? withoutPaging(current) : {};
  const exportQuery = auditQueryString(selection);
  const filtered = Object.values(selection).some((v) => v !== undefined);
  const entries = page.data?.entries ?? [];

  return (
    <div className="space-y-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-xl font-semibold">Audit trail</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every action that changed something, who did it, and how it went. Newest first.
          </p>
        </div>
        <div className="flex gap-2">
          <Button variant="ghost" onClick={() => void page.refetch()} disabled={page.isFetching} aria-label="Refresh">
            {page.isFetching ? <Spinner /> : <RotateCw aria-hidden className="size-4" />}
            <span className="hidden sm:inline">Refresh</span>
          </Button>
          <a
            className={buttonVariants({ variant: "secondary" })}
            href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`}
            download
          >
            <Download aria-hidden className="size-4" />
            Export CSV{filtered ? " (filtered)" : ""}
          </a>
        </div>
      </div>

      <AuditFilterForm key={query.replace(/(^|&)cursor=[^&]*/, "")} current={current} onApply={go} />

      {!parsed.success ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          The filters in this link are not valid: {parsed.error.issues[0]?.message}. Clear them to start again.
        </p>
      ) : null}

      <section
        aria-label="Audit entries"
        aria-busy={page.isFetching}
        className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        <AuditEntriesHeader />
        <ListStates
          query={page}
          count={entries.length}
          loading="Loading the audit trail…"
          failed="Could not load the audit trail"
          empty={
            current?.cursor
              ? "No more entries this way."
              : filtered
                ? "No entries match these filters."
                : "Nothing has been recorded yet."
          }
          className="px-4 py-6"
        >
          <ul>
            {entries.map((e) => (
              <AuditEntryRow key={e.id} e={e} onFilter={(f) => go({ ...selection, ...f })} />
            ))}
          </ul>
        </ListStates>
      </section>

      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {entries.length > 0 ? `${entries.length} ${entries.length === 1 ? "entry" : "entries"} on this page` : null}
        </p>
        <div className="flex gap-2">
          <Button size="sm" variant="ghost" disabled={!current?.cursor} onClick={() => withCursor(undefined)}>
            Newest
          </Button>
          <Button
            size="sm"
            disabled={!page.data?.prevCursor}
            onClick={() => withCursor(page.data?.prevCursor ?? undefined)}
          >
            Newer
          </Button>
          <Button
            size="sm"
            disabled={!page.data?.nextCursor}
            onClick={() => withCursor(page.data?.nextCursor ?? undefined)}
          >
            Older
          </Button>
        </div>
      </nav>
    </div>
  );
}
