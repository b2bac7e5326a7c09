"use client";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";

/**
 * Confirms a kick, naming who and from which conference, with an optional reason
 * (kept in the audit trail). Used for one participant and for a bulk kick.
 */
export function KickDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  onConfirm: (reason: string | undefined) => void;
}) {
  const [reason, setReason] = useState("");
  const confirm = () => {
    onConfirm(reason.trim() || undefined);
    setReason("");
  };
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setReason("");
        onOpenChange(next);
      }}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      onConfirm={confirm}
    >
      <div className="space-y-1.5">
        <Label htmlFor="kick-reason">
          Reason{" "}
          <span className="font-normal text-slate-500 dark:text-slate-400">(optional, kept in the audit trail)</span>
        </Label>
        <Input
          id="kick-reason"
          value={reason}
          maxLength={500}
          autoComplete="off"
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              confirm();
            }
          }}
        />
      </div>
    </ConfirmDialog>
  );
}
