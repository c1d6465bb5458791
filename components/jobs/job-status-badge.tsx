import { Badge } from "@/components/ui/badge";
import { EXPIRED, jobStatusGroup, SUBMITTING, UNKNOWN_OUTCOME, type JobStatusGroup } from "@/lib/jobs/status";
import { cn } from "@/lib/utils/cn";

const VARIANT: Record<JobStatusGroup, "secondary" | "warning" | "success" | "destructive" | "outline"> = {
  queued: "secondary",
  running: "warning",
  completed: "success",
  failed: "destructive",
  cancelled: "outline",
  unknown: "outline",
};

const LABEL: Record<string, string> = {
  [SUBMITTING]: "Submitting",
  PENDING: "Queued",
  IN_QUEUE: "Queued",
  IN_PROGRESS: "Running",
  RUNNING: "Running",
  COMPLETED: "Completed",
  FAILED: "Failed",
  TIMED_OUT: "Timed out",
  CANCELLED: "Cancelled",
  [UNKNOWN_OUTCOME]: "Unknown outcome",
  [EXPIRED]: "Expired",
};

/** Human label for a job status (Novita's or the console's own). */
export function jobStatusLabel(status: string): string {
  return LABEL[status] ?? (status ? status.charAt(0) + status.slice(1).toLowerCase().replaceAll("_", " ") : "Unknown");
}

/** A job's status as a small coloured badge; the raw status shows on hover. */
export function JobStatusBadge({ status, className }: { status: string; className?: string }) {
  const group = jobStatusGroup(status);
  return (
    <Badge variant={VARIANT[group]} title={status} data-status={status} className={cn(className)}>
      <span
        className={cn("size-1.5 rounded-full bg-current", group === "running" && "motion-safe:animate-pulse")}
        aria-hidden
      />
      {jobStatusLabel(status)}
    </Badge>
  );
}
