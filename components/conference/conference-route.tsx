"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/lib/auth/permissions";
import { conferenceIdFromPathname } from "@/lib/conferences/href";
import { conferenceIdProblem } from "@/lib/vocabulary/ids";
import { ConferenceConsole } from "./conference-console";

/**
 * Resolves the conference id from the address itself. Next 16 gives the page its
 * [conferenceId] param decoded on a full page load but still percent-encoded after
 * a client-side navigation, and no header tells the two apart, so decoding the
 * param would corrupt ids containing "%" one way or the other. usePathname() is the
 * URL's encoded pathname in both cases (on the server too), and decoding it once is
 * exact. `paramId` is the fallback for an address that is not valid encoding.
 */
export function ConferenceRoute({
  paramId,
  role,
  pollIntervalMs,
}: {
  paramId: string;
  role: Role;
  pollIntervalMs: number;
}) {
  const id = conferenceIdFromPathname(usePathname()) ?? paramId;
  if (conferenceIdProblem(id) !== null) {
    return (
      <div className="mx-auto max-w-md py-16 text-center">
        <h1 className="text-lg font-semibold">That is not a conference ID</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Conference IDs are 1 to 64 characters. Check the link, or open the conference from the list.
        </p>
        <Link
          href="/"
          className="mt-4 inline-block text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
        >
          Back to conferences
        </Link>
      </div>
    );
  }
  // A new conference is a new console: no selection or focus carried over.
  return <ConferenceConsole key={id} conferenceId={id} role={role} pollIntervalMs={pollIntervalMs} />;
}
