import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/server/session";
import { can } from "@/lib/auth/permissions";
import { openApiDocument } from "@/lib/openapi/document";
import { ApiDocs } from "@/components/apidocs/api-docs";

export const metadata: Metadata = { title: "HTTP API" };

/** The OpenAPI document drawn on the server: no script of its own, collapsed with <details>. */
export default async function ApiDocsPage() {
  const actor = await getActor();
  if (!actor || !can(actor.role, "api:docs")) redirect("/");
  return <ApiDocs doc={openApiDocument()} />;
}
