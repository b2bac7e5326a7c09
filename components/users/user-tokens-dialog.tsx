"use client";
/** An admin's view of one user's API tokens on the Users page: make one for them, revoke theirs. Loaded with next/dynamic. */
import { ApiTokens } from "@/components/tokens/api-tokens";
import { Dialog } from "@/components/ui/dialog";

export function UserTokensDialog({
  user,
  onClose,
}: {
  user: { id: string; email: string; name: string };
  onClose: () => void;
}) {
  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={`API tokens of ${user.name}`}
      description={`Tokens act as ${user.email} with their role at the time of each request.`}
      className="max-h-[90vh] max-w-2xl overflow-y-auto"
    >
      <ApiTokens userId={user.id} owner={user.email} />
    </Dialog>
  );
}
