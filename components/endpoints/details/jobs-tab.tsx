import { ListChecks, Send } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The endpoint's Jobs tab: send a job to it, or see the jobs the console sent it. */
export function JobsTab({ endpointId, canSend }: { endpointId: string; canSend: boolean }) {
  const id = encodeURIComponent(endpointId);
  return (
    <Card>
      <CardHeader className="px-4 sm:px-6">
        <CardTitle>
          <h2>Jobs</h2>
        </CardTitle>
        <CardDescription>
          Every job the console sends to this endpoint is kept in its ledger with its input, timeline and output — long after Novita&apos;s six hours.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2 px-4 sm:px-6">
        {canSend ? (
          <Button asChild>
            <Link href={`/jobs/new?endpoint=${id}`}>
              <Send aria-hidden />
              Send a job
            </Link>
          </Button>
        ) : null}
        <Button asChild variant="outline">
          <Link href={`/jobs?endpoint=${id}`}>
            <ListChecks aria-hidden />
            This endpoint&apos;s jobs
          </Link>
        </Button>
      </CardContent>
    </Card>
  );
}
