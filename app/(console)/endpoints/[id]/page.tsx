import type { Metadata } from "next";
import { parseDetailTab } from "@/components/endpoints/details/detail-tabs";
import { EndpointDetails } from "@/components/endpoints/details/endpoint-details";
import { EndpointNotFound } from "@/components/endpoints/details/endpoint-not-found";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { connectionSummary } from "@/lib/connection";
import { isNovitaError, type EndpointView } from "@/lib/endpoints/service";
import { sharedEndpointView } from "@/lib/endpoints/shared-views";

export const metadata: Metadata = { title: "Endpoint" };

type Loaded = { view: EndpointView } | { notFound: true } | { failed: true };

/** A 404 from Novita is an answer; other failures leave the first paint to the client, which shows them with Retry. */
async function loadEndpoint(id: string): Promise<Loaded> {
  try {
    return { view: await sharedEndpointView(id) };
  } catch (error) {
    if (!isNovitaError(error)) throw error;
    return error.kind === "not_found" ? { notFound: true } : { failed: true };
  }
}

export default async function EndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const user = await requirePageUser("viewer");
  const { id } = await params;
  const { tab } = await searchParams;
  const loaded = await loadEndpoint(id);
  if ("notFound" in loaded) return <EndpointNotFound id={id} />;
  const connection = connectionSummary();
  return (
    <EndpointDetails
      id={id}
      initialData={"view" in loaded ? loaded.view : undefined}
      initialTab={parseDetailTab(tab)}
      jobsBaseUrl={connection.jobsBaseUrl}
      localMode={connection.mode === "local"}
      permissions={{
        canEdit: hasRole(user.role, "operator"),
        canDelete: hasRole(user.role, "admin"),
        canRevealSecrets: hasRole(user.role, "admin"),
      }}
    />
  );
}
