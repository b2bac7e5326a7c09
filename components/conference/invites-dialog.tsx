"use client";
/**
 * Editing who is expected (support and admins; loaded when opened): people found in
 * the directory, added by one of their numbers, or numbers pasted as the dial list
 * takes them (one a line, or number and label), each bad line named as you type and
 * again by the server. Removing is on the panel's rows.
 */
import { useDeferredValue, useMemo, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { toastError } from "@/components/ui/error-toast";
import { Input, Label, Textarea } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useCalloutSettings } from "@/lib/callouts/client/queries";
import { checkDialList, parseDialList } from "@/lib/callouts/dial-list";
import { formatNumber } from "@/lib/conferences/format";
import { useDirectory } from "@/lib/directory/client/queries";
import { useAddInvites } from "@/lib/invites/client/queries";
import type { InviteLineError, InviteView } from "@/lib/invites/types";

const numbersText = (n: number) => `${n} ${n === 1 ? "number" : "numbers"}`;

function DirectoryPicker({ conferenceId, invited }: { conferenceId: string; invited: ReadonlySet<string> }) {
  const [q, setQ] = useState("");
  const query = useDeferredValue(q.trim());
  const found = useDirectory(query, 0, 8);
  const add = useAddInvites(conferenceId);
  const contacts = query ? (found.data?.contacts ?? []) : [];
  return (
    <div className="space-y-2">
      <Label htmlFor="invite-search">From the directory</Label>
      <Input
        id="invite-search"
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Search names, organisations, numbers"
        autoComplete="off"
      />
      {query && found.data && contacts.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">Nobody in the directory matches.</p>
      ) : null}
      {contacts.length > 0 ? (
        <ul aria-label="Directory matches" className="max-h-48 space-y-1 overflow-y-auto">
          {contacts.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <span className="min-w-0 truncate font-medium">{c.name}</span>
              {c.organisation ? (
                <span className="truncate text-xs text-slate-500 dark:text-slate-400">{c.organisation}</span>
              ) : null}
              <span className="ml-auto flex flex-wrap gap-1">
                {c.numbers.map((n) =>
                  invited.has(n) ? (
                    <span key={n} className="px-2 text-xs tabular-nums text-slate-500 dark:text-slate-400">
                      {formatNumber(n)} · invited
                    </span>
                  ) : (
                    <Button
                      key={n}
                      size="sm"
                      variant="secondary"
                      aria-label={`Add ${c.name} ${formatNumber(n)}`}
                      disabled={add.isPending}
                      onClick={() =>
                        add.mutate(
                          { numbers: [n] },
                          {
                            onSuccess: () => toast.success(`${c.name} is expected`),
                            onError: (e) => toastError(`Could not add ${c.name}`, e),
                          },
                        )
                      }
                    >
                      <span className="tabular-nums">+ {formatNumber(n)}</span>
                    </Button>
                  ),
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function PasteNumbers({ conferenceId }: { conferenceId: string }) {
  const settings = useCalloutSettings();
  const add = useAddInvites(conferenceId);
  const [text, setText] = useState("");
  const [serverErrors, setServerErrors] = useState<InviteLineError[]>([]);
  const checked = useMemo(
    () => checkDialList(parseDialList(text).lines, settings.data?.defaultCountry),
    [text, settings.data?.defaultCountry],
  );
  const valid = checked.filter((l) => l.ok).length;
  const errors: InviteLineError[] = serverErrors.length
    ? serverErrors
    : checked.flatMap((l) => (l.ok ? [] : [{ line: l.line, number: l.number, message: l.message }]));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (valid === 0) return;
    add.mutate(
      { text },
      {
        onSuccess: (r) => {
          setServerErrors(r.errors);
          if (r.errors.length === 0) setText("");
          toast.success(
            `${numbersText(r.added.length)} added${r.already.length ? `, ${r.already.length} already expected` : ""}`,
          );
        },
        onError: (err) => toastError("Could not add the numbers", err),
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-2">
      <Label htmlFor="invite-paste">Paste numbers</Label>
      <Textarea
        id="invite-paste"
        rows={5}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setServerErrors([]);
        }}
        placeholder={"One a line, or number,name\n+44 20 7946 0018,Bob"}
        spellCheck={false}
        className="font-mono text-xs"
      />
      {errors.length > 0 ? (
        <ul className="space-y-0.5 text-xs" data-testid="invite-paste-errors">
          {errors.map((l) => (
            <li key={l.line} className="text-red-700 dark:text-red-300">
              Line {l.line}: <span className="font-mono">{l.number || "(empty)"}</span> {l.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" size="sm" disabled={add.isPending || valid === 0}>
          {add.isPending ? <Spinner /> : null}
          {valid > 0 ? `Add ${numbersText(valid)}` : "Add"}
        </Button>
      </div>
    </form>
  );
}

export function InvitesDialog({
  conferenceId,
  invites,
  onClose,
}: {
  conferenceId: string;
  invites: InviteView[];
  onClose: () => void;
}) {
  const invited = useMemo(() => new Set(invites.map((i) => i.number)), [invites]);
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title="Who is expected"
      description={`${invites.length} on the list. Remove someone with the × beside them in the panel.`}
    >
      <div className="space-y-5">
        <DirectoryPicker conferenceId={conferenceId} invited={invited} />
        <PasteNumbers conferenceId={conferenceId} />
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
