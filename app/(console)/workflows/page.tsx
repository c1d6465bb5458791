import type { Metadata } from "next";
import { ImportWorkflow } from "@/components/comfyui/import-workflow";
import { WorkflowLibrary } from "@/components/comfyui/workflow-library";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { isNovitaError } from "@/lib/endpoints/service";
import { sharedEndpointViews } from "@/lib/endpoints/shared-views";
import { listWorkflows } from "@/lib/workflows/service";

export const metadata: Metadata = { title: "Workflows" };

/** Endpoint names for the cards; when Novita cannot be reached the cards show ids. */
async function endpointNames(): Promise<Record<string, string>> {
  try {
    return Object.fromEntries(
      (await sharedEndpointViews()).map((view) => [view.endpoint.id, view.endpoint.spec.name || view.endpoint.id]),
    );
  } catch (error) {
    if (isNovitaError(error)) return {};
    throw error;
  }
}

export default async function WorkflowsPage() {
  const user = await requirePageUser("viewer");
  const canEdit = hasRole(user.role, "operator");
  const items = await listWorkflows(await getDb());
  return (
    <>
      <PageHeader
        title="Workflows"
        description="Your team's ComfyUI workflows, each with an input form you can run in one click."
      />
      {/* An empty library starts with the import; a full one shows its workflows first. */}
      <div className="grid gap-6">
        {canEdit && items.length === 0 ? <ImportWorkflow /> : null}
        <section aria-labelledby="library-heading" className="grid gap-3">
          <h2 id="library-heading" className="text-base font-semibold">
            Library {items.length ? <span className="font-normal text-muted-foreground">· {items.length}</span> : null}
          </h2>
          <WorkflowLibrary
            items={items}
            endpointNames={items.some((item) => item.defaultEndpointId) ? await endpointNames() : {}}
            canEdit={canEdit}
          />
        </section>
        {canEdit && items.length > 0 ? <ImportWorkflow /> : null}
      </div>
    </>
  );
}
