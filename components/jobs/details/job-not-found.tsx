import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function JobNotFound({ id }: { id: string }) {
  return (
    <EmptyState
      icon={SearchX}
      title="Job not found"
      description={
        <>
          The console has no job <span className="font-mono break-all">{id}</span>. It may have been sent from outside
          the console — track it by its Novita job id from the jobs list.
        </>
      }
      action={
        <Button asChild variant="outline">
          <Link href="/jobs">All jobs</Link>
        </Button>
      }
    />
  );
}
