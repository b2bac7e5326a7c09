"use client";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { toastError } from "@/components/ui/error-toast";
import { Spinner } from "@/components/ui/spinner";
import { ContactTextField } from "@/components/directory/contact-fields";
import { ApiError } from "@/lib/api/errors";
import { formatNumber } from "@/lib/conferences/format";
import type { LiveParticipant } from "@/lib/conferences/schemas";
import { useNameNumber, useNumberLookup } from "@/lib/directory/client/name-number";
import { CONTACT_NAME_MAX } from "@/lib/vocabulary/directory";

/**
 * "Name this number" from a conference row: the name goes to the directory, on the
 * contact that holds the number (renamed) or on a new contact with just that
 * number. Every row with the number shows it: at once here, at the next poll for
 * everyone else watching. Moderators may do this (directory:name-caller), though
 * they cannot otherwise edit the directory.
 */
export function NameNumberDialog({
  conferenceId,
  participant,
  onClose,
}: {
  conferenceId: string;
  /** The row's participant; null while closed. */
  participant: LiveParticipant | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={participant !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title="Name this number"
      description={participant ? <span className="tabular-nums">{formatNumber(participant.cli)}</span> : null}
    >
      {participant ? (
        <NameForm key={participant.callId} conferenceId={conferenceId} participant={participant} onDone={onClose} />
      ) : null}
    </Dialog>
  );
}

function NameForm({
  conferenceId,
  participant: p,
  onDone,
}: {
  conferenceId: string;
  participant: LiveParticipant;
  onDone: () => void;
}) {
  const lookup = useNumberLookup(p.cli);
  const save = useNameNumber();
  const holder = lookup.data?.contact ?? null;
  // The field starts from what the row shows; the holder's name once known, if the field was not touched.
  const [typed, setTyped] = useState<string | null>(null);
  const name = typed ?? holder?.name ?? p.name ?? p.label ?? "";
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === "") {
      setError("enter a name");
      return;
    }
    setError(null);
    save.mutate(
      { number: p.cli, name, conferenceId },
      {
        onSuccess: (r) => {
          toast.success(r.created ? `Added ${r.contact.name} to the directory` : `Renamed to ${r.contact.name}`);
          onDone();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.code === "validation_failed") setError(err.message);
          else toastError("Could not name this number", err);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Name this number">
      <ContactTextField
        id="name-number-name"
        label="Name"
        value={name}
        maxLength={CONTACT_NAME_MAX}
        onChange={setTyped}
        error={error}
        autoFocus
        note={
          <span data-testid="name-number-holder">
            {lookup.isPending ? (
              <span className="inline-flex items-center gap-1">
                <Spinner className="size-3" /> Looking the number up in the directory…
              </span>
            ) : holder ? (
              <>
                This number belongs to <strong>{holder.name}</strong>
                {holder.organisation ? ` (${holder.organisation})` : ""}: saving renames that contact everywhere.
              </>
            ) : lookup.isError ? (
              "Could not read the directory; saving adds a contact unless the number already has one."
            ) : (
              "Nobody in the directory has this number: saving adds a contact with it."
            )}
          </span>
        }
      />
      <div className="flex justify-end gap-2 pt-1">
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? <Spinner className="size-3.5" /> : null}
          {holder ? "Rename contact" : "Add to directory"}
        </Button>
      </div>
    </form>
  );
}
