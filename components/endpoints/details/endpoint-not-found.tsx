import { ArrowLeft, SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export function EndpointNotFound({ id }: { id: string }) {
  return (
    <EmptyState
      icon={SearchX}
      title="This endpoint does not exist (any more)"
      description={
        <>
          Novita has no endpoint <code className="rounded bg-muted px-1 font-mono">{id}</code>. It may have been
          deleted, here or in Novita&apos;s own console.
        </>
      }
      action={
        <Button asChild variant="outline">
          <Link href="/endpoints">
            <ArrowLeft aria-hidden /> Back to endpoints
          </Link>
        </Button>
      }
    />
  );
}
