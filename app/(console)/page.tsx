import type { Metadata } from "next";
import { ConferencesHome } from "@/components/conference/conferences-home";

export const metadata: Metadata = { title: "Conferences" };

// The console layout has already checked the session.
export default function ConferencesPage() {
  return <ConferencesHome />;
}
