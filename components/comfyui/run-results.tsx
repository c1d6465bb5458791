"use client";

import { useQuery } from "@tanstack/react-query";
import { ImageIcon, Loader2 } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { OutputImages } from "@/components/jobs/details/output-images";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { shortId } from "@/lib/format/ids";
import { ConsoleApiError } from "@/lib/hooks/api-json";
import { fetchJobDetails, jobQueryKey } from "@/lib/hooks/use-jobs";
import { inlinePreviews, type InlinePreview } from "@/lib/outputs/extract";
import type { JobSummary } from "@/lib/jobs/summary";
import type { RecordedInputs } from "@/lib/workflows/schema";
import { cn } from "@/lib/utils/cn";

export interface WorkflowRunView {
  job: JobSummary;
  failure: { kind: string; outcomeUnknown: boolean; message: string } | null;
  inputs: RecordedInputs;
}

/**
 * One job's live state: the details query is refreshed by the live event stream (each job event invalidates it),
 * with a slow poll of our own database as the safety net while it is unfinished.
 */
function useRunJob(jobId: string) {
  const { data, error } = useQuery({
    queryKey: jobQueryKey(jobId),
    queryFn: ({ signal }) => fetchJobDetails(jobId, signal),
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.job.finished ||
      (query.state.error instanceof ConsoleApiError && query.state.error.status === 404)
        ? false
        : 3_000,
  });
  const output = data?.job.output;
  const images = useMemo<InlinePreview[]>(() => (output ? inlinePreviews(output) : []), [output]);
  return { job: data?.job, images, error };
}

/** A run's jobs, each with its status and, once done, its images inline. */
export function RunResults({ runs }: { runs: WorkflowRunView[] }) {
  return (
    <ul className="grid gap-4" aria-label="Run results">
      {runs.map((run) => (
        <RunResult key={run.job.id} run={run} />
      ))}
    </ul>
  );
}

function RunResult({ run }: { run: WorkflowRunView }) {
  const { job, images, error } = useRunJob(run.job.id);
  const status = job?.status ?? run.job.status;
  return (
    <li className="grid gap-2 rounded-lg border p-3" aria-label={`Job ${run.job.id}`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Link href={`/jobs/${run.job.id}`} className="font-mono underline-offset-4 hover:underline">
          Job {shortId(run.job.id)}
        </Link>
        <JobStatusBadge status={status} />
        {run.inputs.values ? (
          <span className="text-xs text-muted-foreground">seed {seedOf(run.inputs) ?? "—"}</span>
        ) : null}
      </div>
      {run.failure ? <p className="text-sm break-words text-destructive">{run.failure.message}</p> : null}
      {job?.error ? <p className="text-sm break-words text-destructive">{job.error}</p> : null}
      {error ? <p className="text-sm text-destructive">{error.message}</p> : null}
      {images.length ? (
        <OutputImages images={images} />
      ) : job?.finished ? (
        <p className="text-sm text-muted-foreground">No images in the output.</p>
      ) : (
        <Waiting />
      )}
    </li>
  );
}

function Waiting() {
  return (
    <p className="flex items-center gap-2 text-sm text-muted-foreground">
      <Loader2 className="size-4 motion-safe:animate-spin" aria-hidden />
      Images appear here when the job completes.
    </p>
  );
}

function seedOf(inputs: RecordedInputs): string | undefined {
  const entry = Object.entries(inputs.values).find(([path]) => /\.inputs\.(noise_)?seed$/.test(path));
  return entry ? String(entry[1]) : undefined;
}

/** The sweep's comparison grid: a row per prompt, a column per seed, each cell filling in as its job finishes. */
export function SweepGrid({ runs, prompts, seeds }: { runs: WorkflowRunView[]; prompts: string[]; seeds: number[] }) {
  const rows = Math.max(1, prompts.length);
  const columns = Math.max(1, seeds.length);
  const cell = (row: number, column: number) =>
    runs.find((run) => (run.inputs.row ?? 0) === row && (run.inputs.column ?? 0) === column);
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-max border-separate border-spacing-2 text-sm" aria-label="Sweep results">
        <thead>
          <tr>
            <th scope="col" className="w-40 text-left text-xs font-medium text-muted-foreground">
              Prompt \ seed
            </th>
            {Array.from({ length: columns }, (_, column) => (
              <th key={column} scope="col" className="text-left font-mono text-xs font-medium text-muted-foreground">
                {seeds[column] ?? "seed"}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, row) => (
            <tr key={row}>
              <th scope="row" className="max-w-40 text-left align-top text-xs font-normal break-words">
                {prompts[row] ?? "(prompt from the form)"}
              </th>
              {Array.from({ length: columns }, (_, column) => {
                const run = cell(row, column);
                return (
                  <td key={column} className="align-top">
                    {run ? (
                      <SweepCell run={run} label={`${prompts[row] ?? "prompt"}, seed ${seeds[column] ?? ""}`} />
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SweepCell({ run, label }: { run: WorkflowRunView; label: string }) {
  const { job, images } = useRunJob(run.job.id);
  const status = job?.status ?? run.job.status;
  const image = images[0];
  return (
    <Link
      href={`/jobs/${run.job.id}`}
      aria-label={`Result for ${label}`}
      className={cn(
        "grid w-44 gap-1 rounded-md sm:w-52",
        "focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
      )}
    >
      {image ? (
        // eslint-disable-next-line @next/next/no-img-element -- data: and worker URLs, not optimizable
        <img src={image.src} alt={label} className="aspect-square w-full rounded-md border bg-muted object-cover" />
      ) : (
        <span
          className={cn(
            "flex aspect-square w-full items-center justify-center",
            "rounded-md border border-dashed bg-muted/40 text-muted-foreground",
          )}
        >
          {job?.finished ? (
            <ImageIcon className="size-5" aria-hidden />
          ) : (
            <Loader2 className="size-5 motion-safe:animate-spin" aria-hidden />
          )}
        </span>
      )}
      <span className="flex items-center gap-2">
        <JobStatusBadge status={status} />
        {run.failure ? <span className="truncate text-xs text-destructive">{run.failure.message}</span> : null}
      </span>
    </Link>
  );
}
