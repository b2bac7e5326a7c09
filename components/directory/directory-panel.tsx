"use client";
import { Download, Pencil, Search, Trash2, Upload, UserPlus } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button, buttonVariants } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toastError } from "@/components/ui/error-toast";
import { Input } from "@/components/ui/input";
import { ListStates } from "@/components/ui/list-states";
import { Spinner } from "@/components/ui/spinner";
import { useDeleteContact, useDirectory } from "@/lib/directory/client/queries";
import type { ContactView } from "@/lib/directory/types";
import { DIRECTORY_PAGE_LIMIT, DIRECTORY_QUERY_MAX } from "@/lib/vocabulary/directory";
import { ContactDialog } from "./contact-dialog";
import { ImportDialog } from "./import-dialog";

/** The search text, sent once typing pauses. */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * The directory of people: search by name, organisation or number, page through, and
 * (support and admins) add, edit, delete, import. Moderators see it read-only.
 */
export function DirectoryPanel({ canManage }: { canManage: boolean }) {
  const [typed, setTyped] = useState("");
  const q = useSettled(typed.trim());
  // The page belongs to the search it was chosen for: a new search starts at the first.
  const [paging, setPaging] = useState({ q: "", offset: 0 });
  const offset = paging.q === q ? paging.offset : 0;
  const setOffset = (n: number) => setPaging({ q, offset: n });
  const page = useDirectory(q, offset, DIRECTORY_PAGE_LIMIT);
  const [editing, setEditing] = useState<ContactView | null | "new">(null);
  const [deleting, setDeleting] = useState<ContactView | null>(null);
  const [importing, setImporting] = useState(false);
  const remove = useDeleteContact();

  const contacts = page.data?.contacts ?? [];
  const total = page.data?.total ?? 0;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + contacts.length, total);

  return (
    <div className="space-y-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-xl font-semibold">Directory</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {canManage
              ? "The people Gavel knows by number. A number belongs to one contact."
              : "The people Gavel knows by number. Read only: support staff and admins change the directory."}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canManage ? (
            <>
              <Button variant="primary" onClick={() => setEditing("new")}>
                <UserPlus aria-hidden className="size-4" /> Add contact
              </Button>
              <Button onClick={() => setImporting(true)}>
                <Upload aria-hidden className="size-4" /> Import
              </Button>
            </>
          ) : null}
          <a className={buttonVariants({ variant: "secondary" })} href="/api/directory/export" download>
            <Download aria-hidden className="size-4" /> Export CSV
          </a>
        </div>
      </div>

      <div className="relative max-w-md">
        <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" />
        <Input
          type="search"
          aria-label="Search the directory"
          placeholder="Search by name, organisation or number"
          value={typed}
          maxLength={DIRECTORY_QUERY_MAX}
          onChange={(e) => setTyped(e.target.value)}
          className="pl-8"
        />
      </div>

      <section
        aria-label="Contacts"
        aria-busy={page.isFetching}
        className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        <ListStates
          query={page}
          count={contacts.length}
          loading="Loading the directory…"
          failed="Could not load the directory"
          empty={
            q ? `Nobody matches “${q}”.` : canManage ? "No contacts yet: add one or import a CSV." : "No contacts yet."
          }
          className="px-4 py-6"
        >
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="contact-list">
            {contacts.map((c) => (
              <ContactRow
                key={c.id}
                contact={c}
                canManage={canManage}
                onEdit={() => setEditing(c)}
                onDelete={() => setDeleting(c)}
              />
            ))}
          </ul>
        </ListStates>
        {total > 0 ? (
          <div className="flex items-center justify-between gap-2 border-t border-slate-200 px-4 py-2 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
            <span aria-live="polite" data-testid="directory-count">
              {first}–{last} of {total}
              {page.isFetching ? <Spinner className="ml-2 inline" /> : null}
            </span>
            <div className="flex gap-2">
              <Button
                size="sm"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - DIRECTORY_PAGE_LIMIT))}
              >
                Previous
              </Button>
              <Button
                size="sm"
                disabled={offset + DIRECTORY_PAGE_LIMIT >= total}
                onClick={() => setOffset(offset + DIRECTORY_PAGE_LIMIT)}
              >
                Next
              </Button>
            </div>
          </div>
        ) : null}
      </section>

      {canManage ? (
        <>
          <ContactDialog
            contact={editing === "new" ? null : editing}
            open={editing !== null}
            onOpenChange={(o) => !o && setEditing(null)}
          />
          <ImportDialog open={importing} onOpenChange={setImporting} />
          <ConfirmDialog
            open={deleting !== null}
            onOpenChange={(o) => !o && setDeleting(null)}
            title={deleting ? `Delete ${deleting.name}?` : "Delete contact?"}
            description={
              deleting
                ? `${deleting.name} and ${deleting.numbers.length === 1 ? "their number" : `their ${deleting.numbers.length} numbers`} leave the directory. The audit trail keeps a record of them.`
                : ""
            }
            confirmLabel="Delete"
            busy={remove.isPending}
            onConfirm={() => {
              if (!deleting) return;
              const who = deleting;
              remove.mutate(who.id, {
                onSuccess: () => {
                  toast.success(`Deleted ${who.name}`);
                  setDeleting(null);
                },
                onError: (e) => toastError(`Could not delete ${who.name}`, e),
              });
            }}
          />
        </>
      ) : null}
    </div>
  );
}

function ContactRow({
  contact: c,
  canManage,
  onEdit,
  onDelete,
}: {
  contact: ContactView;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:gap-4" data-testid="contact-row">
      <div className="min-w-0 sm:w-1/3">
        <div className="truncate font-medium" data-testid="contact-name">
          {c.name}
        </div>
        {c.organisation ? (
          <div className="truncate text-sm text-slate-600 dark:text-slate-400">{c.organisation}</div>
        ) : null}
      </div>
      <ul className="min-w-0 font-mono text-sm sm:w-1/4" aria-label={`Numbers of ${c.name}`}>
        {c.numbers.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <p className="min-w-0 flex-1 text-sm break-words whitespace-pre-line text-slate-600 dark:text-slate-400">
        {c.notes}
      </p>
      {canManage ? (
        <div className="flex shrink-0 gap-2">
          <Button size="sm" onClick={onEdit} aria-label={`Edit ${c.name}`}>
            <Pencil aria-hidden className="size-3.5" /> Edit
          </Button>
          <Button size="sm" variant="danger-outline" onClick={onDelete} aria-label={`Delete ${c.name}`}>
            <Trash2 aria-hidden className="size-3.5" /> Delete
          </Button>
        </div>
      ) : null}
    </li>
  );
}
