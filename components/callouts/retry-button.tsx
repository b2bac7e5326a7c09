"use client";
/**
 * A callout's destination as people read it, and its Retry button: shared by the
 * callouts list and the console's dialing rows. The confirmation Retry asks for an
 * unknown placement loads when it is needed (retry-confirm.tsx).
 */
import { RotateCcw } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DialogLoading } from "@/components/ui/dialog-loading";
import { toastError } from "@/components/ui/error-toast";
import { Gated } from "@/components/ui/gated";
import { Spinner } from "@/components/ui/spinner";
import { can, whyNot, type Role } from "@/lib/auth/permissions";
import { mayHaveBeenPlaced } from "@/lib/callouts/client/outcomes";
import { newIdempotencyKey, useRetryCallout } from "@/lib/callouts/client/queries";
import type { CalloutView } from "@/lib/callouts/types";
import { formatNumber } from "@/lib/conferences/format";

const RetryConfirm = dynamic(() => import("./retry-confirm").then((m) => m.RetryConfirm), { loading: DialogLoading });

export function destinationText(c: Pick<CalloutView, "destination">): string {
  return c.destination.type === "number" ? formatNumber(c.destination.endpoint) : c.destination.endpoint;
}

/**
 * Retry a finished callout: the same request again, once, with a new idempotency key
 * per click. A callout whose placement is unknown may have been placed: Retry asks
 * first, says the phone may ring twice, and sends `confirmUnknown` when accepted.
 */
export function RetryButton({
  callout,
  role,
  size = "sm",
}: {
  callout: CalloutView;
  role: Role;
  size?: "sm" | "icon";
}) {
  const retry = useRetryCallout();
  const permission = callout.type === "custom" ? "callout:custom" : "callout:place";
  const denied = can(role, permission) ? null : whyNot(permission);
  const who = destinationText(callout);
  const unknown = mayHaveBeenPlaced(callout);
  const [asking, setAsking] = useState(false);
  const send = () =>
    retry.mutate(
      { id: callout.id, idempotencyKey: newIdempotencyKey(), confirmUnknown: unknown },
      {
        onSuccess: (r) => toast.success(`Calling ${destinationText(r.callout)} again`),
        onError: (e) => toastError(`Could not call ${who} again`, e),
        onSettled: () => setAsking(false),
      },
    );
  return (
    <>
      <Gated reason={denied}>
        <Button
          size="sm"
          variant="secondary"
          disabled={denied !== null || retry.isPending}
          aria-label={size === "icon" ? `Retry ${who}` : undefined}
          onClick={() => (unknown ? setAsking(true) : send())}
        >
          {retry.isPending ? <Spinner /> : <RotateCcw aria-hidden className="size-3.5" />}
          Retry
        </Button>
      </Gated>
      {unknown && asking ? (
        <RetryConfirm who={who} onOpenChange={setAsking} pending={retry.isPending} onConfirm={send} />
      ) : null}
    </>
  );
}
