import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { WorkflowApi } from "@/components/comfyui/workflow-api";
import { WorkflowTabs } from "@/components/comfyui/workflow-tabs";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { namedFields } from "@/lib/comfyui/field-names";
import { getDb } from "@/lib/db/client";
import { shortId } from "@/lib/format/ids";
import { getRunOfJob, getWorkflow } from "@/lib/workflows/service";

export const metadata: Metadata = { title: "Workflow API" };

function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

/**
 * The API tab of one workflow: its run as a script sends it, filled with the form's defaults of the version shown
 * (`?version=N`, default the latest), or with an earlier run's inputs (`?from=<jobId>`).
 */
export default async function WorkflowApiPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ version?: string | string[]; from?: string | string[] }>;
}) {
  await requirePageUser("viewer");
  const { id } = await params;
  const query = await searchParams;
  const db = await getDb();
  const workflow = await getWorkflow(db, id);
  if (!workflow) notFound();
  const fromJobId = single(query.from);
  const run = fromJobId ? await getRunOfJob(db, fromJobId) : undefined;
  const from = run && run.workflowId === id ? run : undefined;
  const asked = Number(single(query.version));
  const version =
    from?.version ?? (workflow.versions.some((entry) => entry.version === asked) ? asked : workflow.latestVersion);
  const graph = (workflow.versions.find((entry) => entry.version === version) ?? workflow.versions[0]!).graph;
  const fields = namedFields(graph, workflow.curation).map(({ name, label, path, kind, hidden, defaultValue }) => ({
    name,
    label,
    path,
    kind,
    hidden,
    defaultValue,
  }));
  return (
    <>
      <PageHeader
        title={workflow.name}
        description={
          <>
            Run this workflow from a script, notebook or CI through the console.{" "}
            <Link href="/workflows" className="whitespace-nowrap underline-offset-4 hover:underline">
              All workflows
            </Link>
          </>
        }
      />
      <WorkflowTabs workflowId={workflow.id} current="api" />
      <WorkflowApi
        workflowId={workflow.id}
        version={version}
        latestVersion={workflow.latestVersion}
        defaultEndpointId={workflow.defaultEndpointId}
        fields={fields}
        values={from?.inputs.values}
        valuesNote={
          from
            ? `the inputs of job ${shortId(from.jobId)} (version ${version})`
            : `the form's default values (version ${version})`
        }
      />
    </>
  );
}
