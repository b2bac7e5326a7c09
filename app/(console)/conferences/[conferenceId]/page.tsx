import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConferenceRoute } from "@/components/conference/conference-route";
import { getActor } from "@/lib/auth/server/session";
import { config } from "@/lib/config/env";

type Params = Promise<{ conferenceId: string }>;

/**
 * For the tab title only. The param arrives decoded on a full page load and still
 * encoded after a client-side navigation (see ConferenceRoute, which resolves the
 * id exactly from the address); a value that is nothing but a canonical encoding is
 * taken to be the encoded form.
 */
function titleOf(param: string): string {
  try {
    const decoded = decodeURIComponent(param);
    return encodeURIComponent(decoded) === param ? decoded : param;
  } catch {
    return param;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: titleOf((await params).conferenceId) };
}

// GET /conferences/:id: the moderation console of one conference.
export default async function ConferencePage({ params }: { params: Params }) {
  const actor = await getActor();
  if (!actor) redirect("/login?error=SessionRequired");
  const { conferenceId } = await params;
  return <ConferenceRoute paramId={conferenceId} role={actor.role} pollIntervalMs={config().GAVEL_POLL_INTERVAL_MS} />;
}
