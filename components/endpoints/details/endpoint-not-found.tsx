import { ArrowLeft } from "lucide-react";
import { NotFoundState } from "@/components/ui/not-found-state";

/** In place of the details page when Novita has no endpoint with this id. */
export function EndpointNotFound({ id }: { id: string }) {
  return (
    <NotFoundState
      title="This endpoint does not exist (any more)"
      description={
        <>
          Novita has no endpoint <code className="rounded bg-muted px-1 font-mono">{id}</code>. It may have been
          deleted, here or in Novita&apos;s own console.
        </>
      }
      backHref="/endpoints"
      backLabel={
        <>
          <ArrowLeft aria-hidden /> Back to endpoints
        </>
      }
    />
  );
}
