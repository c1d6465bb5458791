import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { WorkflowTabs } from "@/components/comfyui/workflow-tabs";
import { OutputGallery } from "@/components/gallery/output-gallery";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getWorkflow } from "@/lib/workflows/service";

export const metadata: Metadata = { title: "Workflow gallery" };

/** The gallery tab of one workflow: every output its runs produced (any version). */
export default async function WorkflowGalleryPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("viewer");
  const { id } = await params;
  const workflow = await getWorkflow(await getDb(), id);
  if (!workflow) notFound();
  return (
    // URL state (filters, tabs) lives in the address bar through nuqs, provided here rather than for every page.
    <NuqsAdapter>
      <PageHeader
        title={workflow.name}
        description={
          <>
            What this workflow&apos;s runs produced, archived when each job completed.{" "}
            <Link href="/workflows" className="whitespace-nowrap underline-offset-4 hover:underline">
              All workflows
            </Link>
          </>
        }
      />
      <WorkflowTabs workflowId={workflow.id} current="gallery" />
      <Suspense>
        <OutputGallery workflowId={workflow.id} />
      </Suspense>
    </NuqsAdapter>
  );
}
