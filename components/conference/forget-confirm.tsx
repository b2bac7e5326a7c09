"use client";
/** "Forget this conference?": the confirmation of forget-conference.tsx, loaded when it is asked for. */
import { ConfirmDialog } from "@/components/ui/dialog";

export function ForgetConfirm({
  onOpenChange,
  label,
  pending,
  onConfirm,
}: {
  onOpenChange: (open: boolean) => void;
  label: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      open
      onOpenChange={onOpenChange}
      title="Forget this conference?"
      description={
        <>
          Take <span className="font-medium text-slate-900 [overflow-wrap:anywhere] dark:text-slate-100">{label}</span>{" "}
          off Gavel’s list of conferences, with its name and pin?
        </>
      }
      confirmLabel={pending ? "Forgetting…" : "Forget"}
      busy={pending}
      onConfirm={onConfirm}
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Nothing changes on Sinch, and its history stays in the audit trail and its attendance. It comes back, as new,
        when anyone opens it, a callout goes into it, or a page still open on it polls it again.
      </p>
    </ConfirmDialog>
  );
}
