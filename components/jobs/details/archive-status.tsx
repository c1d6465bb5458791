import { Archive, ArchiveX } from "lucide-react";
import type { JobDetails } from "@/lib/jobs/details";
import { WarningSection } from "./warning-section";

/**
 * Where a completed job's outputs stand while they are not yet in the console's store: being archived (and, when a
 * try failed, why: a download refused, the store full), or given up. Nothing once they are archived.
 */
export function ArchiveStatus({ archive }: { archive: NonNullable<JobDetails["archive"]> }) {
  if (archive.state === "failed")
    return (
      <WarningSection id="archive-heading" icon={ArchiveX} title="Outputs not archived" className="gap-1">
        {archive.note ? <p>{archive.note}</p> : null}
        <p>
          What the job returned is still in its output below; files Novita holds are dropped after six hours. To try
          again, resubmit the job.
        </p>
      </WarningSection>
    );
  // The first seconds of every completed job are not news: only a failed try or a long wait is.
  if (!archive.note && !archive.overdue) return null;
  return (
    <section
      aria-labelledby="archive-heading"
      className="grid gap-1 rounded-lg border bg-muted/40 px-4 py-3 text-sm"
      role="status"
    >
      <h2 id="archive-heading" className="flex items-center gap-2 font-semibold">
        <Archive className="size-4 text-muted-foreground" aria-hidden />
        Archive pending
      </h2>
      <p className="text-muted-foreground">
        The console is copying this job&apos;s outputs into its own store; they appear here once archived.
      </p>
      {archive.note ? <p>{archive.note}</p> : null}
    </section>
  );
}
