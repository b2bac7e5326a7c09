"use client";
/**
 * Which kick waits for confirmation. Apart from the confirmations themselves
 * (kick-confirmations.tsx), which load only when one is asked for.
 */
import { useState } from "react";
import type { LiveParticipant } from "@/lib/conferences/types";

export interface KickRequests {
  /** The participant whose kick waits for confirmation. */
  target: LiveParticipant | null;
  /** A bulk kick waits for confirmation. */
  bulkOpen: boolean;
  /** Either confirmation is open (it owns the keyboard). */
  open: boolean;
  request(p: LiveParticipant): void;
  requestBulk(): void;
  closeOne(): void;
  closeBulk(): void;
}

/** Which kick waits for confirmation: one participant's, or the selection's. */
export function useKickRequests(): KickRequests {
  const [target, setTarget] = useState<LiveParticipant | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  return {
    target,
    bulkOpen,
    open: target !== null || bulkOpen,
    // A state setter is stable, so memoised rows that receive it stay memoised.
    request: setTarget,
    requestBulk: () => setBulkOpen(true),
    closeOne: () => setTarget(null),
    closeBulk: () => setBulkOpen(false),
  };
}
