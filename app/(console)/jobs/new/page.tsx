import type { Metadata } from "next";
import Link from "next/link";
import { SendJobForm, type ResubmitSource } from "@/components/jobs/editor/send-job-form";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/guard";
import { endpointViewsForFirstPaint } from "@/lib/endpoints/shared-views";
import { getJobWithEvents } from "@/lib/jobs/ledger";
import { getDb } from "@/lib/db/client";
import { SearchX } from "lucide-react";

export const metadata: Metadata = { title: "Send a job" };

function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

async function resubmitSource(id: string): Promise<ResubmitSource | undefined> {
  const found = await getJobWithEvents(await getDb(), id);
  if (!found) return undefined;
  return {
    id: found.job.id,
    endpointId: found.job.endpointId,
    inputText: JSON.stringify(found.job.input === undefined ? {} : found.job.input, null, 2),
  };
}

/** `/jobs/new`: send a job, or edit and resubmit one (`?from=<jobId>`); `?endpoint=` preselects. */
export default async function NewJobPage({
  searchParams,
}: {
  searchParams: Promise<{ endpoint?: string | string[]; from?: string | string[] }>;
}) {
  await requirePageUser("operator");
  const params = await searchParams;
  const fromId = single(params.from);
  const from = fromId ? await resubmitSource(fromId) : undefined;

  if (fromId && !from) {
    return (
      <>
        <PageHeader title="Edit and resubmit" />
        <EmptyState
          icon={SearchX}
          title="Job not found"
          description={`The console has no job ${fromId} to start from. It may have been sent from another console.`}
          action={
            <Link href="/jobs/new" className="text-sm font-medium underline underline-offset-4">
              Send a new job instead
            </Link>
          }
        />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={from ? "Edit and resubmit" : "Send a job"}
        description={
          from
            ? "The input of the earlier job, ready to change. Resubmitting sends it as a new job to the same endpoint."
            : "Write the job's input as JSON, check its size against Novita's 4 MiB limit, " +
              "and send it to an endpoint's queue."
        }
      />
      <SendJobForm
        initialEndpoints={await endpointViewsForFirstPaint()}
        initialEndpointId={single(params.endpoint)}
        from={from}
      />
    </>
  );
}
