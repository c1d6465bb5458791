import { Workflow } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  await requirePageUser("viewer");
  return (
    <>
      <PageHeader title="Workflows" description="Your team's ComfyUI workflows, each with an input form you can run in one click." />
      <EmptyState
        icon={Workflow}
        title="No workflows yet"
        description="Paste or upload a ComfyUI workflow (API format) to get a form for its prompts, seeds and sizes, and run it on an endpoint."
      />
    </>
  );
}
