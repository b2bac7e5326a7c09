import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CalloutsConsole } from "@/components/callouts/callouts-console";
import { can } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/server/session";
import { calloutSettings } from "@/lib/callouts/server/inputs";

export const metadata: Metadata = { title: "Callouts" };

export default async function CalloutsPage() {
  const actor = await getActor();
  if (!actor || !can(actor.role, "callout:place")) redirect("/");
  return <CalloutsConsole role={actor.role} settings={calloutSettings()} />;
}
