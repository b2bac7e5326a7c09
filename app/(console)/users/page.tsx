import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/server/session";
import { can } from "@/lib/auth/permissions";
import { UsersPanel } from "@/components/users/users-panel";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await getActor();
  if (!actor || !can(actor.role, "users:manage")) redirect("/");
  return <UsersPanel currentUserId={actor.id} />;
}
