import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/server/session";
import { can } from "@/lib/auth/permissions";
import { DirectoryPanel } from "@/components/directory/directory-panel";

export const metadata: Metadata = { title: "Directory" };

export default async function DirectoryPage() {
  const actor = await getActor();
  if (!actor || !can(actor.role, "directory:read")) redirect("/");
  return <DirectoryPanel canManage={can(actor.role, "directory:manage")} />;
}
