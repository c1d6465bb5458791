"use client";

import { useQuery } from "@tanstack/react-query";
import { AlertCircle, AlertTriangle, ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { JobStatusBadge, jobStatusLabel } from "@/components/jobs/job-status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Skeleton } from "@/components/ui/skeleton";
import { shortId } from "@/lib/format/ids";
import { formatDateTime, formatRelative } from "@/lib/format/time";
import { ConsoleApiError } from "@/lib/hooks/api-json";
import { fetchJobDetails, jobQueryKey } from "@/lib/hooks/use-jobs";
import type { JobDetails } from "@/lib/jobs/details";
import { UNKNOWN_OUTCOME } from "@/lib/jobs/status";
import { JobOutputs } from "@/components/gallery/job-outputs";
import { inlinePreviews } from "@/lib/outputs/extract";
import { cn } from "@/lib/utils/cn";
import { ArchiveStatus } from "./archive-status";
import { JobActions } from "./job-actions";
import { JobNotFound } from "./job-not-found";
import { JobTimeline } from "./job-timeline";
import { JobWebhook } from "./job-webhook";
import { SettleUnknown } from "./settle-unknown";
import { WarningSection } from "./warning-section";
import { JsonView } from "./json-view";

const webhookUnderway = (webhook: JobDetails["webhook"] | undefined) =>
  webhook?.state === "pending" || webhook?.state === "retrying";

/** Work that goes on after the job finished and sends no event of its own: a webhook's delivery, a pending archive. */
const afterWorkUnderway = (data: JobDetails) => webhookUnderway(data.webhook) || data.archive?.state === "pending";

/** Over this many characters of JSON, a value opens collapsed. */
const LARGE_JSON_CHARS = 20_000;

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}

function JsonCard({ title, value, empty }: { title: string; value: unknown; empty: string }) {
  const length = useMemo(() => jsonLength(value), [value]);
  const present = value !== null && value !== undefined;
  return (
    <Card className="min-w-0 gap-3 py-4">
      <CardHeader className="flex flex-row items-center justify-between gap-2 px-4">
        <CardTitle>
          <h2 className="text-base">{title}</h2>
        </CardTitle>
        {present ? (
          <div className="flex items-center gap-1 text-xs text-muted-foreground">
            <span className="tabular-nums">{length.toLocaleString("en-US")} characters</span>
            <CopyButton text={JSON.stringify(value, null, 2)} label={`Copy the ${title.toLowerCase()} as JSON`} />
          </div>
        ) : null}
      </CardHeader>
      <CardContent className="min-w-0 px-4">
        {present ? (
          <JsonView value={value} label={title} large={length > LARGE_JSON_CHARS} />
        ) : (
          <p className="text-sm text-muted-foreground">{empty}</p>
        )}
      </CardContent>
    </Card>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid min-w-0 gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="flex min-w-0 items-center gap-1 text-sm">{children}</dd>
    </div>
  );
}

export function JobDetailsView({
  id,
  initialData,
  endpointName,
  submitterName,
  canOperate,
}: {
  id: string;
  initialData: JobDetails | undefined;
  endpointName: string | undefined;
  submitterName: string | undefined;
  canOperate: boolean;
}) {
  const { data, error } = useQuery({
    queryKey: jobQueryKey(id),
    queryFn: ({ signal }) => fetchJobDetails(id, signal),
    initialData,
    staleTime: 0,
    // Live events update this entry; a 2 s poll of our own database is the safety net while the job is unfinished,
    // and follows its webhook's delivery and its archive (which send no event) until they are done or given up.
    refetchInterval: (query) =>
      (query.state.data?.job.finished && !afterWorkUnderway(query.state.data)) ||
      (query.state.error instanceof ConsoleApiError && query.state.error.status === 404)
        ? false
        : 2_000,
    retry: (failures, failure) => !(failure instanceof ConsoleApiError && failure.status === 404) && failures < 2,
  });
  const previews = useMemo(() => inlinePreviews(data?.job.output), [data?.job.output]);

  if (error instanceof ConsoleApiError && error.status === 404 && !data) return <JobNotFound id={id} />;
  if (!data) {
    return (
      <div className="grid gap-4">
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            Could not load the job: {error.message}
          </p>
        ) : (
          <Skeleton className="h-40" />
        )}
      </div>
    );
  }
  const { job, stuck } = data;
  const events = data.events ?? [];

  return (
    <div className="grid gap-6">
      <div>
        <Button asChild variant="link" size="sm" className="-ml-3 h-auto py-1 text-muted-foreground">
          <Link href="/jobs">
            <ArrowLeft aria-hidden />
            All jobs
          </Link>
        </Button>
        <div className="mt-2 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="grid min-w-0 gap-2">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-2xl font-semibold tracking-tight">
                Job <span className="font-mono">{shortId(job.id)}</span>
              </h1>
              <CopyButton text={job.id} label="Copy job id" />
              <span role="status" aria-label={`Status: ${jobStatusLabel(job.status)}`}>
                <JobStatusBadge status={job.status} />
              </span>
            </div>
            {job.resubmittedFrom ? (
              <p className="text-sm text-muted-foreground">
                Resubmission of{" "}
                <Link
                  href={`/jobs/${job.resubmittedFrom}`}
                  className="font-mono text-foreground underline underline-offset-4"
                >
                  job {shortId(job.resubmittedFrom)}
                </Link>
              </p>
            ) : null}
          </div>
          {canOperate ? <JobActions job={job} /> : null}
        </div>
        <dl
          className={cn(
            "mt-4 grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border bg-card p-4",
            "sm:grid-cols-2 lg:grid-cols-4",
          )}
        >
          <Field label="Endpoint">
            <Link href={`/endpoints/${job.endpointId}`} className="truncate underline-offset-4 hover:underline">
              {endpointName ?? job.endpointId}
            </Link>
          </Field>
          <Field label="Novita job id">
            {job.novitaJobId ? (
              <>
                <span className="truncate font-mono text-xs" title={job.novitaJobId}>
                  {job.novitaJobId}
                </span>
                <CopyButton text={job.novitaJobId} label="Copy Novita job id" />
              </>
            ) : (
              <span className="text-muted-foreground">not assigned</span>
            )}
          </Field>
          <Field label="Submitted by">
            <span className="truncate">{submitterName ?? job.submittedBy ?? "unknown"}</span>
          </Field>
          <Field label="Submitted">
            <time dateTime={job.submittedAt} title={formatDateTime(job.submittedAt)} suppressHydrationWarning>
              {formatRelative(job.submittedAt)}
            </time>
          </Field>
        </dl>
      </div>

      {stuck ? (
        <WarningSection id="stuck-heading" icon={AlertTriangle} title="Why is it stuck?" className="gap-1">
          <p>{stuck.reason}</p>
          <p>
            <span className="font-medium">Fix: </span>
            {stuck.fix}
          </p>
        </WarningSection>
      ) : null}

      {job.status === UNKNOWN_OUTCOME ? (
        <SettleUnknown job={job} canOperate={canOperate} />
      ) : job.error ? (
        <section
          aria-labelledby="error-heading"
          className="grid gap-2 rounded-lg border border-destructive/40 bg-destructive/10 px-4 py-3 text-destructive"
        >
          <h2 id="error-heading" className="flex items-center gap-2 text-sm font-semibold">
            <AlertCircle className="size-4" aria-hidden />
            Worker error
          </h2>
          <pre className="max-h-80 overflow-auto font-mono text-xs break-words whitespace-pre-wrap">{job.error}</pre>
        </section>
      ) : null}

      <Card className="gap-3 py-4">
        <CardHeader className="px-4">
          <CardTitle>
            <h2 className="text-base">Timeline</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="px-4">
          <JobTimeline job={job} events={events} delayTimeMs={job.delayTimeMs} executionTimeMs={job.executionTimeMs} />
        </CardContent>
      </Card>

      {data.webhook ? <JobWebhook webhook={data.webhook} /> : null}

      {data.archive ? <ArchiveStatus archive={data.archive} /> : null}

      <JobOutputs jobId={job.id} completed={job.status === "COMPLETED"} previews={previews} />

      <div className="grid gap-6 lg:grid-cols-2">
        <JsonCard title="Input" value={job.input} empty="No input recorded." />
        <JsonCard
          title="Output"
          value={job.output}
          empty={
            job.finished ? "The job finished without an output." : "The output appears here when the job finishes."
          }
        />
      </div>
    </div>
  );
}
