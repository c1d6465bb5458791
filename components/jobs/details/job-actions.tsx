"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Ban, PencilLine, RotateCcw } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { cancelJobsAction, resubmitJobAction } from "@/lib/jobs/actions";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import { useAction } from "@/lib/hooks/use-action";
import { jobQueryKey } from "@/lib/hooks/use-jobs";
import { jobStatusGroup } from "@/lib/jobs/status";
import type { JobSummary } from "@/lib/jobs/summary";

/** Cancel while queued or running; resubmit as is; edit and resubmit in the editor. Operators and admins only. */
export function JobActions({ job }: { job: JobSummary }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const group = jobStatusGroup(job.status);
  const cancellable = !job.finished && (group === "queued" || group === "running");
  const showFailure = (error: { message: string }) => void toast.error(error.message);

  const cancel = useAction(cancelJobsAction, {
    onSuccess: async () => {
      toast.success("Cancel requested.");
      await queryClient.invalidateQueries({ queryKey: jobQueryKey(job.id) });
    },
    onError: showFailure,
  });
  const resubmit = useAction(resubmitJobAction, {
    onSuccess: ({ job: created, failure }) => {
      // The message says it all, an unknown outcome included (Novita may have queued it: check before repeating).
      if (failure) toast.error(failure.message);
      else toast.success("Job resubmitted.");
      router.push(`/jobs/${created.id}`);
    },
    onError: showFailure,
  });
  const cancelling = cancel.pending;
  const resubmitting = resubmit.pending;

  return (
    <div className="flex flex-wrap gap-2">
      {cancellable ? (
        <Button variant="destructive" size="sm" onClick={() => void cancel.run({ ids: [job.id] })} loading={cancelling}>
          {cancelling ? null : <Ban aria-hidden />}
          Cancel job
        </Button>
      ) : null}
      <Button
        variant="outline"
        size="sm"
        onClick={() => void resubmit.run({ id: job.id })}
        loading={resubmitting}
        disabled={cancelling}
      >
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
