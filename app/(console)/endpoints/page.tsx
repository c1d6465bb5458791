import type { Metadata } from "next";
import { CreateEndpointButton, EndpointsList } from "@/components/endpoints/list/endpoints-list";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { isNovitaError, type EndpointView } from "@/lib/endpoints/service";
import { sharedEndpointViews } from "@/lib/endpoints/shared-views";

export const metadata: Metadata = { title: "Endpoints" };

/** First paint from the server; a failed Novita call leaves it to the client, which shows the error and a Retry. */
async function initialEndpoints(): Promise<EndpointView[] | undefined> {
  try {
    return await sharedEndpointViews();
  } catch (error) {
    if (isNovitaError(error)) return undefined;
    throw error;
  }
}

export default async function EndpointsPage() {
  const user = await requirePageUser("viewer");
  const canCreate = hasRole(user.role, "admin");
  return (
    <>
      <PageHeader
        title="Endpoints"
        description="Serverless GPU endpoints: status, workers and queue, refreshed every few seconds."
        actions={canCreate ? <CreateEndpointButton /> : undefined}
      />
      <EndpointsList initialData={await initialEndpoints()} canCreate={canCreate} />
    </>
  );
}
