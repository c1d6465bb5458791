"use client";

import { Download, RotateCcw, Star, X } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/format/bytes";
import { formatDateTime } from "@/lib/format/time";
import { useOutputDetails } from "@/lib/hooks/use-outputs";
import { outputDownloadUrl, type GalleryItem } from "@/lib/outputs/items";
import { cn } from "@/lib/utils/cn";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-white/60">{label}</dt>
      <dd className="text-sm break-words text-white">{children}</dd>
    </div>
  );
}

/** The lightbox's side panel: what made this output and where it came from. Prompt text is shown as text. */
export function OutputDetailsPanel({
  item,
  endpointName,
  onClose,
  onToggleFavourite,
}: {
  item: GalleryItem;
  endpointName: string | undefined;
  onClose: () => void;
  onToggleFavourite: () => void;
}) {
  const details = useOutputDetails(item.id);
  return (
    <aside
      aria-label="Output details"
      className={cn(
        "absolute inset-x-0 bottom-0 z-10 max-h-[45%] overflow-y-auto p-4",
        "border-t border-white/15 bg-black/85 backdrop-blur-md",
        "lg:top-14 lg:right-0 lg:bottom-0 lg:left-auto lg:max-h-none lg:w-80 lg:border-t-0 lg:border-l",
      )}
    >
      <div className="mb-3 flex items-start justify-between gap-2">
        <h2 className="min-w-0 truncate text-sm font-semibold text-white" title={item.filename}>
          {item.filename}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Hide details"
          className="rounded p-1 text-white/70 hover:text-white lg:hidden"
        >
          <X className="size-4" aria-hidden />
        </button>
      </div>
      <div className="mb-4 flex flex-wrap gap-2">
        <Button asChild size="sm" variant="secondary">
          <a href={outputDownloadUrl(item.id)} download={item.filename}>
            <Download aria-hidden /> Download original
          </a>
        </Button>
        <Button size="sm" variant="secondary" aria-pressed={item.favourite} onClick={onToggleFavourite}>
          <Star aria-hidden className={item.favourite ? "fill-amber-400 text-amber-500" : undefined} />
          {item.favourite ? "Favourited" : "Favourite"}
        </Button>
        {item.workflowId ? (
          <Button asChild size="sm" variant="secondary">
            <Link href={`/workflows/${encodeURIComponent(item.workflowId)}?from=${encodeURIComponent(item.jobId)}`}>
              <RotateCcw aria-hidden /> Rerun with these inputs
            </Link>
          </Button>
        ) : null}
      </div>
      <dl className="grid gap-3">
        <Row label="Prompt">
          {details.isLoading ? (
            "…"
          ) : details.isError ? (
            <span className="text-red-300">Could not load: {details.error.message}</span>
          ) : (
            (details.data?.prompt ?? "—")
          )}
        </Row>
        {details.data?.negativePrompt ? <Row label="Negative prompt">{details.data.negativePrompt}</Row> : null}
        <Row label="Seed">
          {details.isLoading ? "…" : <span className="font-mono">{details.data?.seed ?? "—"}</span>}
        </Row>
        {item.workflowId ? (
          <Row label="Workflow">
            <Link href={`/workflows/${encodeURIComponent(item.workflowId)}`} className="underline underline-offset-4">
              {item.workflowName ?? item.workflowId}
            </Link>{" "}
            <span className="text-white/60">version {item.workflowVersion}</span>
          </Row>
        ) : null}
        <Row label="Endpoint">{endpointName ?? <span className="font-mono text-xs">{item.endpointId}</span>}</Row>
        <Row label="Job">
          <Link
            href={`/jobs/${encodeURIComponent(item.jobId)}`}
            className="font-mono text-xs underline underline-offset-4"
          >
            {item.jobId}
          </Link>
        </Row>
        <Row label="File">
          {item.mime} · {formatBytes(item.bytes)}
          {item.width && item.height ? ` · ${item.width} × ${item.height}` : ""}
        </Row>
        <Row label="Archived">{formatDateTime(item.createdAt)}</Row>
      </dl>
    </aside>
  );
}
