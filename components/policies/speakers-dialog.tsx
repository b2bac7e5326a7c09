"use client";
/**
 * The conference's speakers, whom mute on entry (and the lobby) leave alone and "Mute
 * all except speakers" skips: directory contacts (found by name or number) or bare
 * numbers. Loaded when first opened. Moderators and admins save; others only read.
 */
import { Plus, X } from "lucide-react";
import { useDeferredValue, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { toastError } from "@/components/ui/error-toast";
import { Input, Label } from "@/components/ui/input";
import { whyNot } from "@/lib/auth/permissions";
import { formatNumber } from "@/lib/conferences/format";
import { useDirectory } from "@/lib/directory/client/queries";
import { useUpdateSpeakers } from "@/lib/policies/client/queries";
import type { SpeakerView } from "@/lib/policies/types";

type Entry = { key: string; label: string; detail: string } & ({ contactId: string } | { number: string });

function fromView(s: SpeakerView): Entry {
  const numbers = s.numbers.map(formatNumber).join(", ");
  return s.contactId
    ? { key: `c:${s.contactId}`, contactId: s.contactId, label: s.name ?? "Contact", detail: numbers }
    : { key: `n:${s.numbers[0] ?? ""}`, number: s.numbers[0] ?? "", label: numbers, detail: "number" };
}

export function SpeakersDialog({
  conferenceId,
  speakers,
  canManage,
  onClose,
}: {
  conferenceId: string;
  speakers: SpeakerView[];
  canManage: boolean;
  onClose: () => void;
}) {
  const inputId = useId();
  const [entries, setEntries] = useState<Entry[]>(() => speakers.map(fromView));
  const [text, setText] = useState("");
  const q = useDeferredValue(text.trim());
  const matches = useDirectory(q.length >= 2 ? q : "", 0, 5);
  const save = useUpdateSpeakers(conferenceId);
  const add = (e: Entry) => {
    setEntries((list) => (list.some((x) => x.key === e.key) ? list : [...list, e]));
    setText("");
  };
  const looksLikeNumber = /^[+\d][\d\s().-]{4,}$/.test(text.trim());

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Speakers"
      description="Mute on entry and the lobby leave speakers alone, and “Mute all except speakers” skips them."
    >
      <ul aria-label="Speakers" className="max-h-56 space-y-1 overflow-y-auto">
        {entries.length === 0 ? <li className="text-sm text-slate-500 dark:text-slate-400">No speakers yet.</li> : null}
        {entries.map((e) => (
          <li key={e.key} className="flex items-center gap-2 text-sm">
            <span className="min-w-0 flex-1 truncate">
              <span className="font-medium">{e.label}</span>
              <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{e.detail}</span>
            </span>
            {canManage ? (
              <Button
                size="icon"
                variant="ghost"
                aria-label={`Remove ${e.label}`}
                onClick={() => setEntries((list) => list.filter((x) => x.key !== e.key))}
              >
                <X aria-hidden className="size-4" />
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <div className="mt-4 space-y-2">
          <Label htmlFor={inputId}>Add a contact or a number</Label>
          <Input
            id={inputId}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Name, organisation or +44 7700 900123"
            autoComplete="off"
          />
          <div className="flex flex-wrap gap-2">
            {q.length >= 2
              ? (matches.data?.contacts ?? []).map((c) => (
                  <Button
                    key={c.id}
                    size="sm"
                    onClick={() =>
                      add({
                        key: `c:${c.id}`,
                        contactId: c.id,
                        label: c.name,
                        detail: c.numbers.map(formatNumber).join(", "),
                      })
                    }
                  >
                    <Plus aria-hidden className="size-4" /> {c.name}
                  </Button>
                ))
              : null}
            {looksLikeNumber ? (
              <Button
                size="sm"
                onClick={() =>
                  add({ key: `n:${text.trim()}`, number: text.trim(), label: text.trim(), detail: "number" })
                }
              >
                <Plus aria-hidden className="size-4" /> Add number {text.trim()}
              </Button>
            ) : null}
          </div>
        </div>
      ) : (
        <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">{whyNot("policy:manage")}</p>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="ghost" onClick={onClose}>
          {canManage ? "Cancel" : "Close"}
        </Button>
        {canManage ? (
          <Button
            variant="primary"
            disabled={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  speakers: entries.map((e) => ("contactId" in e ? { contactId: e.contactId } : { number: e.number })),
                },
                { onSuccess: onClose, onError: (e) => toastError("Could not save the speakers", e) },
              )
            }
          >
            Save speakers
          </Button>
        ) : null}
      </div>
    </Dialog>
  );
}
