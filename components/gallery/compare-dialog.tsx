"use client";

import Link from "next/link";
import { TitledDialog } from "@/components/ui/titled-dialog";
import { outputUrl, type GalleryItem } from "@/lib/outputs/items";
import { cn } from "@/lib/utils/cn";
import { OutputSize, OutputVideo } from "./output-thumb";

/** 2–4 outputs side by side at the same size (stacked on a phone). */
export function CompareDialog({
  items,
  open,
  onOpenChange,
}: {
  items: GalleryItem[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <TitledDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Compare ${items.length} outputs`}
      description="Side by side at the same scale. Open a job to see everything about it."
      className={cn(
        "max-h-[95vh] w-[calc(100vw-1rem)] overflow-y-auto",
        "max-w-[min(96vw,1600px)] sm:max-w-[min(96vw,1600px)]",
      )}
    >
      <ul
        className={cn(
          "grid gap-3",
          items.length === 2
            ? "sm:grid-cols-2"
            : items.length === 3
              ? "sm:grid-cols-3"
              : "sm:grid-cols-2 xl:grid-cols-4",
        )}
        aria-label="Compared outputs"
      >
        {items.map((item) => (
          <li key={item.id} className="grid min-w-0 gap-1.5" aria-label={item.filename}>
            <div
              className={cn(
                "flex aspect-square items-center justify-center",
                "overflow-hidden rounded-md border bg-muted",
              )}
            >
              {item.kind === "video" ? (
                <OutputVideo item={item} className="size-full object-contain" />
              ) : (
                // eslint-disable-next-line @next/next/no-img-element -- archived originals behind the session
                <img src={outputUrl(item.id)} alt={item.filename} className="size-full object-contain" />
              )}
            </div>
            <div className="flex min-w-0 items-center justify-between gap-2 text-xs">
              <span className="truncate" title={item.filename}>
                {item.filename}
              </span>
              <Link
                href={`/jobs/${encodeURIComponent(item.jobId)}`}
                className="shrink-0 text-muted-foreground underline underline-offset-4"
              >
                Job
              </Link>
            </div>
            <OutputSize item={item} />
          </li>
        ))}
      </ul>
    </TitledDialog>
  );
}
