"use client";
/**
 * "Forget" on a home row, for admins only (conference:forget; hidden from the others,
 * since a row has no room for a disabled button per conference): asks first, then
 * takes the conference off Gavel's list.
 */
import { Trash2 } from "lucide-react";
import dynamic from "next/dynamic";
import { useSession } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DialogLoading } from "@/components/ui/dialog-loading";
import { toastError } from "@/components/ui/error-toast";
import { can } from "@/lib/auth/permissions";
import { useForgetConference } from "@/lib/conferences/client/queries";

const ForgetConfirm = dynamic(() => import("./forget-confirm").then((m) => m.ForgetConfirm), {
  loading: DialogLoading,
});

export function ForgetConference({ conferenceId, label }: { conferenceId: string; label: string }) {
  const { data: session } = useSession();
  const forget = useForgetConference();
  const [asking, setAsking] = useState(false);
  if (!can(session?.user.role, "conference:forget")) return null;
  return (
    <>
      <Button
        size="icon"
        variant="ghost"
        aria-label={`Forget ${label}`}
        title="Forget: take it off this list (admins)"
        className="size-8 text-slate-400 hover:text-red-600 dark:text-slate-500 dark:hover:text-red-400"
        onClick={() => setAsking(true)}
      >
        <Trash2 aria-hidden className="size-4" />
      </Button>
      {asking ? (
        <ForgetConfirm
          label={label}
          pending={forget.isPending}
          onOpenChange={(open) => {
            if (!open) setAsking(false);
          }}
          onConfirm={() =>
            forget
              .mutateAsync(conferenceId)
              .then(() => setAsking(false))
              .catch((e: unknown) => toastError(`Could not forget ${label}`, e))
          }
        />
      ) : null}
    </>
  );
}
