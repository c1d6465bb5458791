"use client";

import { Archive, ExternalLink, ImageIcon } from "lucide-react";
import Link from "next/link";
import { FullSizeLink, OutputImages } from "@/components/jobs/details/output-images";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useJobOutputs } from "@/lib/hooks/use-outputs";
import type { InlinePreview } from "@/lib/outputs/extract";
import { outputUrl } from "@/lib/outputs/items";
import { OutputSize, OutputThumb, OutputVideo } from "./output-thumb";

/**
 * A job's images and videos: the archived copies when there are any (they outlive Novita's six hours), else the
 * previews read straight from the job's output. The list refreshes by itself when the archive event arrives.
 */
export function JobOutputs({
  jobId,
  completed,
  previews,
}: {
  jobId: string;
  completed: boolean;
  previews: InlinePreview[];
}) {
  const archived = useJobOutputs(jobId, completed, previews.length);
  const items = archived.data?.items ?? [];
  if (items.length === 0 && previews.length === 0) return null;
  const isArchived = items.length > 0;
  return (
    <Card className="gap-3 py-4">
      <CardHeader className="px-4">
        <CardTitle>
          <h2 className="flex items-center gap-2 text-base">
            {isArchived ? <Archive className="size-4" aria-hidden /> : <ImageIcon className="size-4" aria-hidden />}
            {isArchived ? "Outputs" : "Images"}
          </h2>
        </CardTitle>
        <CardDescription>
          {isArchived ? (
            <>
              Archived by the console, kept after Novita drops the job. Click one to open the original in a new tab, or
              browse them in the{" "}
              <Link href="/gallery" className="underline underline-offset-4">
                gallery
              </Link>
              .
            </>
          ) : (
            "Click an image to open it full size in a new tab."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="px-4">
        {isArchived ? (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" aria-label="Output images">
            {items.map((item) => (
              <li key={item.id} className="grid min-w-0 gap-1">
                {item.kind === "video" ? (
                  <>
                    <OutputVideo
                      item={item}
                      className="aspect-square w-full rounded-md border bg-muted object-contain"
                    />
                    <a
                      href={outputUrl(item.id)}
                      target="_blank"
                      rel="noopener"
                      className="flex items-center gap-1 truncate text-xs text-muted-foreground hover:text-foreground"
                    >
                      <span className="truncate">{item.filename}</span>
                      <ExternalLink className="size-3 shrink-0" aria-hidden />
                    </a>
                  </>
                ) : (
                  <FullSizeLink href={outputUrl(item.id)} rel="noopener" filename={item.filename}>
                    <div className="aspect-square overflow-hidden rounded-md border bg-muted">
                      <OutputThumb item={item} className="object-contain" eager />
                    </div>
                    <span className="flex min-w-0 items-center gap-1 text-xs text-muted-foreground">
                      <span className="truncate">{item.filename}</span>
                      <ExternalLink className="size-3 shrink-0" aria-hidden />
                    </span>
                    <OutputSize item={item} />
                  </FullSizeLink>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <OutputImages images={previews} />
        )}
      </CardContent>
    </Card>
  );
}
