"use client";
/**
 * "Dial in"'s dialog: the conference callout form with this conference filled in.
 * Loaded on demand by DialInButton (dialing-rows.tsx), with the form's validation.
 */
import { Dialog } from "@/components/ui/dialog";
import { errorMessage } from "@/components/ui/error-toast";
import { Spinner } from "@/components/ui/spinner";
import type { CalloutSettings } from "@/lib/callouts/types";
import { ConferenceCalloutForm } from "./conference-callout-form";

export function DialInDialog({
  conferenceId,
  onOpenChange,
  settings,
  error,
}: {
  conferenceId: string;
  onOpenChange: (open: boolean) => void;
  /** Undefined while they are fetched. */
  settings: CalloutSettings | undefined;
  error: unknown;
}) {
  return (
    <Dialog
      open
      onOpenChange={onOpenChange}
      title={`Call someone into ${conferenceId}`}
      description="They join as soon as they answer; until then they show as a dialing row."
      className="max-h-[calc(100dvh-2rem)] max-w-lg overflow-y-auto"
    >
      {settings ? (
        <ConferenceCalloutForm
          settings={settings}
          fixedConferenceId={conferenceId}
          idPrefix="dialin"
          onPlaced={() => onOpenChange(false)}
        />
      ) : error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {errorMessage(error)}
        </p>
      ) : (
        <p className="flex items-center gap-2 text-sm text-slate-500">
          <Spinner /> Loading…
        </p>
      )}
    </Dialog>
  );
}
