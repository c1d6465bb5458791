import Link from "next/link";
import type { EndpointView } from "@/lib/endpoints/service";
import { formatDateTime, formatRelative } from "@/lib/format/time";
import { cn } from "@/lib/utils/cn";

export function CreatedAt({ iso }: { iso: string | undefined }) {
  if (!iso)
    return (
      <span className="text-muted-foreground" title="Created outside this console">
        —
      </span>
    );
  return (
    <time dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
      {formatRelative(iso)}
    </time>
  );
}

export function Queue({ view }: { view: EndpointView }) {
  if (!view.health)
    return (
      <span className="text-muted-foreground" title="The queue could not be read (still starting?)">
        —
      </span>
    );
  return (
    <span className="tabular-nums">
      {view.health.jobs.inQueue} / {view.health.jobs.inProgress}
    </span>
  );
}

/** The endpoint's name, linking to its details page, over its id. */
export function EndpointName({ view, className }: { view: EndpointView; className?: string }) {
  const { endpoint } = view;
  return (
    <div className="min-w-0">
      <Link
        href={`/endpoints/${encodeURIComponent(endpoint.id)}`}
        className={cn("font-medium hover:underline", className)}
      >
        {endpoint.spec.name || endpoint.id}
      </Link>
      <div className="font-mono text-xs text-muted-foreground">{endpoint.id}</div>
    </div>
  );
}

/** "RTX 4090 24GB × 1": the GPU product and how many each worker gets. */
export function Gpu({ view }: { view: EndpointView }) {
  return (
    <>
      {view.product?.name ?? view.endpoint.spec.productId}{" "}
      <span className="text-muted-foreground">× {view.endpoint.spec.workers.gpusPerWorker}</span>
    </>
  );
}
