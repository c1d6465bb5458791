import { SearchX } from "lucide-react";
import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import Link from "next/link";
import { Suspense } from "react";
import { DeleteWorkflow } from "@/components/comfyui/delete-workflow";
import { WorkflowTabs } from "@/components/comfyui/workflow-tabs";
import type { RunSource } from "@/components/comfyui/use-workflow-run";
import { WorkflowWorkspace } from "@/components/comfyui/workflow-workspace";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { endpointViewsForFirstPaint } from "@/lib/endpoints/shared-views";
import { getRunOfJob, getWorkflow, listRuns } from "@/lib/workflows/service";

export const metadata: Metadata = { title: "Workflow" };

function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

/** `/workflows/<id>`: a workflow's form, runs, graph and versions (`?from=<jobId>`, `?version=N`). */
export default async function WorkflowPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string | string[] }>;
}) {
  const user = await requirePageUser("viewer");
  const { id } = await params;
  const fromJobId = single((await searchParams).from);
  const db = await getDb();
  const workflow = await getWorkflow(db, id);
  if (!workflow) {
    return (
      <>
        <PageHeader title="Workflow" />
        <EmptyState
          icon={SearchX}
          title="Workflow not found"
          description={`There is no workflow ${id}. It may have been deleted.`}
          action={
            <Link href="/workflows" className="text-sm font-medium underline underline-offset-4">
              Back to the library
            </Link>
          }
        />
      </>
    );
  }
  const run = fromJobId ? await getRunOfJob(db, fromJobId) : undefined;
  // `?from=` of another workflow's (or no workflow's) job is ignored, with a note, rather than mixing inputs.
  const from: RunSource | undefined =
    run && run.workflowId === id ? { jobId: run.jobId, version: run.version, inputs: run.inputs } : undefined;
  const [endpoints, recentRuns] = await Promise.all([endpointViewsForFirstPaint(), listRuns(db, id, 10)]);
  return (
    // URL state (filters, tabs) lives in the address bar through nuqs, provided here rather than for every page.
    <NuqsAdapter>
      <PageHeader
        title={workflow.name}
        actions={
          hasRole(user.role, "operator") ? <DeleteWorkflow workflowId={workflow.id} name={workflow.name} /> : undefined
        }
        description={
          <>
            {workflow.description || "No description."}{" "}
            <Link href="/workflows" className="whitespace-nowrap underline-offset-4 hover:underline">
              All workflows
            </Link>
          </>
        }
      />
      <WorkflowTabs workflowId={workflow.id} current="form" />
      {fromJobId && !from ? (
        <p role="status" className="mb-4 rounded-lg border bg-muted/40 px-4 py-3 text-sm">
          Job {fromJobId} was not run from this workflow, so the form shows the workflow&apos;s own values.
        </p>
      ) : null}
      {/* A new version or another run to start from remounts the workspace, so the form follows. The version shown
            is in the URL (?version=, read through useSearchParams), which wants a Suspense boundary. */}
      <Suspense>
        <WorkflowWorkspace
          key={`${workflow.latestVersion}:${from?.jobId ?? ""}`}
          workflow={workflow}
          canEdit={hasRole(user.role, "operator")}
          initialEndpoints={endpoints}
          from={from}
          recentRuns={recentRuns}
        />
      </Suspense>
    </NuqsAdapter>
  );
}
