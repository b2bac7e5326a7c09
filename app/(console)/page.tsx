import type { Metadata } from "next";
import { ConferencesHome } from "@/components/conference/conferences-home";
import { config } from "@/lib/config/env";
import { readHomeSearch } from "@/lib/conferences/home-search";

export const metadata: Metadata = { title: "Conferences" };

// The console layout has already checked the session. The search is the URL's (?q=…&show=…).
export default async function ConferencesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <ConferencesHome pollIntervalMs={config().GAVEL_POLL_INTERVAL_MS} initial={readHomeSearch(await searchParams)} />
  );
}
