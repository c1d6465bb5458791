import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { CreateEndpointButton, EndpointsList } from "@/components/endpoints/list/endpoints-list";
import { ListPage } from "@/components/ui/list-page";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { endpointViewsForFirstPaint } from "@/lib/endpoints/shared-views";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage() {
  const user = await requirePageUser("viewer");
  const canCreate = hasRole(user.role, "admin");
  return (
    // URL state (filters, tabs) lives in the address bar through nuqs, provided here rather than for every page.
    <NuqsAdapter>
      <ListPage
        title="Endpoints"
        description="Serverless GPU endpoints: status, workers and queue, refreshed every few seconds."
        actions={canCreate ? <CreateEndpointButton /> : undefined}
      >
        <EndpointsList initialData={await endpointViewsForFirstPaint()} canCreate={canCreate} />
      </ListPage>
    </NuqsAdapter>
  );
}
