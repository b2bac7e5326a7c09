"use client";
import type { ReactElement } from "react";
import { Tooltip } from "./tooltip";

/**
 * A control this person may not use: the caller renders it disabled, and this says
 * why on hover and on keyboard focus. Disabled buttons take no focus or pointer
 * events, so the reason hangs on a focusable span around them.
 */
export function Gated({ reason, children }: { reason: string | null | undefined | false; children: ReactElement }) {
  if (!reason) return children;
  return (
    <Tooltip content={reason}>
      <span
        tabIndex={0}
        data-disabled-reason={reason}
        className="inline-flex rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 [&>*]:pointer-events-none"
      >
        {children}
      </span>
    </Tooltip>
  );
}
