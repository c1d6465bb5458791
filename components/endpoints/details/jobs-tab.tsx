"use client";

import { ListChecks } from "lucide-react";
import Link from "next/link";
import { SendJobForm } from "@/components/jobs/editor/send-job-form";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { shortId } from "@/lib/format/ids";
import { formatDateTime, formatRelative } from "@/lib/format/time";
import { useJobList } from "@/lib/hooks/use-jobs";

const RECENT = 10;

/** The endpoint's Jobs tab: the send form aimed at this endpoint (operators), and its latest jobs, live. */
export function JobsTab({ endpointId, canSend }: { endpointId: string; canSend: boolean }) {
  const id = encodeURIComponent(endpointId);
  return (
    <div className="grid gap-4">
      {canSend ? <SendJobForm initialEndpoints={undefined} initialEndpointId={endpointId} from={undefined} /> : null}
      <Card>
        <CardHeader className="px-4 sm:px-6">
          <CardTitle>
            <h2>Latest jobs</h2>
          </CardTitle>
          <CardDescription>
            Every job the console sends to this endpoint is kept in its ledger with its input, timeline and output —
            long after Novita&apos;s six hours.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 px-4 sm:px-6">
          <RecentJobs endpointId={endpointId} />
          <div>
            <Button asChild variant="outline">
              <Link href={`/jobs?endpoint=${id}`}>
                <ListChecks aria-hidden />
                All of this endpoint&apos;s jobs
              </Link>
            </Button>
          </div>
        </CardContent>
      </Card>
    </div>
  );
}

function RecentJobs({ endpointId }: { endpointId: string }) {
  const { data, error, isPending } = useJobList({ endpoint: endpointId });
  if (isPending) return <Skeleton className="h-24 w-full" />;
  if (error)
    return (
      <p role="alert" className="text-sm text-destructive">
        {error.message}
      </p>
    );
  const jobs = data.pages.flatMap((page) => page.jobs).slice(0, RECENT);
  if (jobs.length === 0)
    return <p className="text-sm text-muted-foreground">No job has been sent to this endpoint from the console yet.</p>;
  return (
    <ul aria-label="Latest jobs" className="divide-y rounded-lg border">
      {jobs.map((job) => (
        <li key={job.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
          <Link
            href={`/jobs/${encodeURIComponent(job.id)}`}
            className="font-mono font-medium underline-offset-4 hover:underline"
          >
            {shortId(job.id)}
          </Link>
          <JobStatusBadge status={job.status} />
          <span className="ml-auto text-muted-foreground" title={formatDateTime(job.submittedAt)}>
            {formatRelative(job.submittedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}
