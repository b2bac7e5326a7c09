"use client";
/** "Call again?": Retry's question when Sinch never said whether the first call was placed. */
import { ConfirmDialog } from "@/components/ui/dialog";

export function RetryConfirm({
  who,
  onOpenChange,
  pending,
  onConfirm,
}: {
  who: string;
  onOpenChange: (open: boolean) => void;
  pending: boolean;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      open
      onOpenChange={onOpenChange}
      title={`Call ${who} again?`}
      description="Sinch did not confirm whether the first call was placed. If it was, the phone may ring twice."
      confirmLabel={pending ? "Calling…" : "Call again"}
      confirmVariant="primary"
      busy={pending}
      onConfirm={onConfirm}
    />
  );
}
