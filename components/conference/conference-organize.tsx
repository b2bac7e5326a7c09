"use client";
import { Check, Pencil, Pin, X } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { toastError } from "@/components/ui/error-toast";
import { FieldError } from "@/components/ui/input";
import { useUpdateConference } from "@/lib/conferences/client/queries";
import { DISPLAY_NAME_MAX } from "@/lib/conferences/types";
import { cn } from "@/lib/ui/cn";

/** Pins a conference to the top of everyone's list, or unpins it. */
export function PinButton({
  conferenceId,
  pinned,
  label,
  className,
}: {
  conferenceId: string;
  pinned: boolean;
  /** How the conference is called in the button's name: "Pin weekly-sync". */
  label: string;
  className?: string;
}) {
  const update = useUpdateConference();
  return (
    <Button
      size="icon"
      variant="ghost"
      aria-pressed={pinned}
      aria-label={`${pinned ? "Unpin" : "Pin"} ${label}`}
      title={pinned ? "Pinned: click to unpin" : "Pin to the top of the list"}
      className={cn(pinned ? "text-brand-600 dark:text-brand-100" : "text-slate-400 dark:text-slate-500", className)}
      onClick={() =>
        update
          .mutateAsync({ conferenceId, pinned: !pinned })
          .catch((e: unknown) => toastError(`Could not ${pinned ? "unpin" : "pin"} ${label}`, e))
      }
    >
      <Pin aria-hidden className={cn("size-4", pinned && "fill-current")} />
    </Button>
  );
}

/**
 * A conference's display name with an inline editor: the pencil opens a field;
 * Enter saves, Escape cancels, an empty name clears it.
 */
export function InlineRename({
  conferenceId,
  displayName,
  label,
  children,
  className,
}: {
  conferenceId: string;
  displayName: string | null;
  label: string;
  /** The name as shown when not editing. */
  children: ReactNode;
  className?: string;
}) {
  const update = useUpdateConference();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(displayName ?? "");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = `${inputId}-error`;

  function start() {
    setValue(displayName ?? "");
    setError(null);
    setEditing(true);
  }

  function save() {
    // The server checks again (lib/conferences/schemas.ts): this is the same limit, said sooner.
    if (value.trim().length > DISPLAY_NAME_MAX) {
      setError(`A name is at most ${DISPLAY_NAME_MAX} characters (this one has ${value.trim().length}).`);
      return;
    }
    setEditing(false);
    update
      .mutateAsync({ conferenceId, displayName: value.trim() === "" ? null : value.trim() })
      .catch((e: unknown) => toastError(`Could not rename ${label}`, e));
  }

  if (!editing) {
    return (
      <div className={cn("flex min-w-0 items-center gap-1", className)}>
        {children}
        <Button
          size="icon"
          variant="ghost"
          aria-label={`Rename ${label}`}
          title="Rename"
          onClick={start}
          className="size-7 shrink-0 text-slate-400 hover:text-slate-700 dark:text-slate-500 dark:hover:text-slate-200"
        >
          <Pencil aria-hidden className="size-3.5" />
        </Button>
      </div>
    );
  }

  return (
    <form
      className={cn("min-w-0", className)}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="flex items-center gap-1">
        <label htmlFor={inputId} className="sr-only">
          Display name for {label}
        </label>
        <input
          id={inputId}
          autoFocus
          value={value}
          placeholder="Display name (empty to clear)"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              setEditing(false);
            }
          }}
          className="h-8 w-full min-w-0 max-w-xs rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        />
        <Button type="submit" size="icon" variant="ghost" aria-label="Save name" className="size-8 shrink-0">
          <Check aria-hidden className="size-4 text-emerald-600" />
        </Button>
        <Button
          size="icon"
          variant="ghost"
          aria-label="Cancel renaming"
          className="size-8 shrink-0"
          onClick={() => setEditing(false)}
        >
          <X aria-hidden className="size-4" />
        </Button>
      </div>
      <FieldError id={errorId}>{error}</FieldError>
    </form>
  );
}
