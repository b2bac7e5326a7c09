import type { Metadata } from "next";
import { ConferencesHome } from "@/components/conference/conferences-home";
import { config } from "@/lib/config/env";

export const metadata: Metadata = { title: "Conferences" };

// The console layout has already checked the session.
export default function ConferencesPage() {
  return <ConferencesHome pollIntervalMs={config().GAVEL_POLL_INTERVAL_MS} />;
}
