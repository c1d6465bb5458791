import { NotFoundState } from "@/components/ui/not-found-state";

/** In place of the job page when the console has no job with this id. */
export function JobNotFound({ id }: { id: string }) {
  return (
    <NotFoundState
      title="Job not found"
      description={
        <>
          The console has no job <span className="font-mono break-all">{id}</span>. It may have been sent from outside
          the console — track it by its Novita job id from the jobs list.
        </>
      }
      backHref="/jobs"
      backLabel="All jobs"
    />
  );
}
