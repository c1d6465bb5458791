import type { EndpointView } from "@/lib/endpoints/service";
import { formatDateTime, formatRelative } from "@/lib/format/time";

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
