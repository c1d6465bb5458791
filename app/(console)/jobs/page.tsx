import { ListChecks } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requirePageUser("viewer");
  return (
    <>
      <PageHeader title="Jobs" description="Every job the console sends, kept with its input, timeline and output long after Novita's six hours." />
      <EmptyState
        icon={ListChecks}
        title="No jobs yet"
        description="Jobs you send to an endpoint will be listed here live: queued, running, finished or failed, with their timings and outputs."
      />
    </>
  );
}
