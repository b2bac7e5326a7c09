import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getActor } from "@/lib/auth/server/session";
import { AppShell } from "@/components/shell/app-shell";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  // proxy.ts already sent anyone without a session to sign in; this catches a
  // session whose account was disabled since.
  if (!actor) redirect("/login?error=SessionRequired");
  return <AppShell actor={actor}>{children}</AppShell>;
}
