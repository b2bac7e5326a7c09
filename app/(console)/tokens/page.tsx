import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/server/session";
import { can } from "@/lib/auth/permissions";
import { MyTokensPanel } from "@/components/tokens/my-tokens-panel";

export const metadata: Metadata = { title: "My API tokens" };

export default async function TokensPage() {
  const actor = await getActor();
  if (!actor || !can(actor.role, "tokens:own")) redirect("/");
  return <MyTokensPanel />;
}
