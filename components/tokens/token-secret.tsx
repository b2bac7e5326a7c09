"use client";
/** A new API token's secret, shown once, with a copy button and how to use it. Loaded with next/dynamic. */
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";

export function TokenSecretDialog({
  shown,
  onClose,
}: {
  shown: { token: string; name: string; owner: string } | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={shown !== null}
      onOpenChange={(o) => !o && onClose()}
      title="API token created"
      description={
        shown
          ? `Copy the token “${shown.name}” for ${shown.owner} now: it is shown only once, and Gavel keeps only a hash of it.`
          : undefined
      }
    >
      <div className="flex items-start gap-2 rounded-md bg-slate-100 px-3 py-2 dark:bg-slate-800">
        <code className="min-w-0 flex-1 break-all select-all font-mono text-sm" data-testid="token-secret">
          {shown?.token}
        </code>
        {shown ? <CopyButton value={shown.token} label="Copy the token" className="shrink-0" /> : null}
      </div>
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        Send it as <code className="font-mono text-xs">Authorization: Bearer …</code> to any API route. It acts as its
        user, with their role at the time of each request.
      </p>
      <div className="mt-4 flex justify-end">
        <Button variant="primary" onClick={onClose}>
          Done
        </Button>
      </div>
    </Dialog>
  );
}
