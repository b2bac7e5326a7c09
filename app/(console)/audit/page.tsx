import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { AuditPanel } from "@/components/audit/audit-panel";
import { Spinner } from "@/components/ui/spinner";
import { can } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/server/session";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage() {
  const actor = await getActor();
  if (!actor || !can(actor.role, "audit:read")) redirect("/");
  return (
    // The panel reads its filters from the URL (useSearchParams).
    <Suspense fallback={<Spinner />}>
      <AuditPanel />
    </Suspense>
  );
}
