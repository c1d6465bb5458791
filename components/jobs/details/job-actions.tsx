"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Ban, PencilLine, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { cancelJobsAction, resubmitJobAction } from "@/lib/jobs/actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { jobQueryKey } from "@/lib/hooks/use-jobs";
import { jobStatusGroup } from "@/lib/jobs/status";
import type { JobSummary } from "@/lib/jobs/summary";

/** Cancel while queued or running; resubmit as is; edit and resubmit in the editor. Operators and admins only. */
export function JobActions({ job }: { job: JobSummary }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [cancelling, startCancel] = useTransition();
  const [resubmitting, startResubmit] = useTransition();
  const group = jobStatusGroup(job.status);
  const cancellable = !job.finished && (group === "queued" || group === "running");

  const cancel = () =>
    startCancel(async () => {
      const result = await cancelJobsAction({ ids: [job.id] });
      if (!result.ok) return void toast.error(result.error.message);
      toast.success("Cancel requested.");
      await queryClient.invalidateQueries({ queryKey: jobQueryKey(job.id) });
    });

  const resubmit = () =>
    startResubmit(async () => {
      const result = await resubmitJobAction({ id: job.id });
      if (!result.ok) return void toast.error(result.error.message);
      const { job: created, failure } = result.data;
      // The message says it all, an unknown outcome included (Novita may have queued it: check before repeating).
      if (failure) toast.error(failure.message);
      else toast.success("Job resubmitted.");
      router.push(`/jobs/${created.id}`);
    });

  return (
    <div className="flex flex-wrap gap-2">
      {cancellable ? (
        <Button variant="destructive" size="sm" onClick={cancel} loading={cancelling}>
          {cancelling ? null : <Ban aria-hidden />}
          Cancel job
        </Button>
      ) : null}
      <Button variant="outline" size="sm" onClick={resubmit} loading={resubmitting} disabled={cancelling}>
        {resubmitting ? null : <RotateCcw aria-hidden />}
        Resubmit
      </Button>
      <Button variant="outline" size="sm" asChild>
        <Link href={`/jobs/new?from=${encodeURIComponent(job.id)}`}>
          <PencilLine aria-hidden />
          Edit and resubmit
        </Link>
      </Button>
    </div>
  );
}
