"use client";
import { useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useRef } from "react";
import type { Role } from "@/lib/auth/permissions";
import { contradicts, onRoleSignal } from "@/lib/auth/role-signal";

/** At most one re-read in this long: every poll keeps reporting the new role until the page has it. */
const REREAD_GAP_MS = 3000;

/**
 * Brings a role change (a demotion, a promotion) to a page that is already open,
 * without a reload: when an API answer says the person's role is not the one the page
 * was drawn for, or refuses something with 403, the page re-reads the session. The
 * server-drawn parts (the shell, the page's `role` props, hence every control and its
 * "why not") come again through router.refresh(), which keeps client state (the live
 * list, filters, selection); useSession's copy, read by a few panels, is updated too.
 */
export function RoleWatcher({ role }: { role: Role }) {
  const router = useRouter();
  const { update } = useSession();
  const updateRef = useRef(update);
  const lastReread = useRef(0);
  useEffect(() => {
    updateRef.current = update;
  }, [update]);

  useEffect(
    () =>
      onRoleSignal((signal) => {
        if (!contradicts(signal, role)) return;
        const now = Date.now();
        if (now - lastReread.current < REREAD_GAP_MS) return;
        lastReread.current = now;
        void updateRef.current();
        startTransition(() => router.refresh());
      }),
    [role, router],
  );
  return null;
}
