"use client";

import { Film, ImageOff } from "lucide-react";
import { useState } from "react";
import { outputThumbnailUrl, outputUrl, type GalleryItem } from "@/lib/outputs/items";
import { cn } from "@/lib/utils/cn";

/** A thumbnail, or an icon where there is none (videos; a thumbnail that failed to load). */
export function OutputThumb({
  item,
  className,
  eager = false,
}: {
  item: Pick<GalleryItem, "id" | "kind" | "filename" | "hasThumbnail">;
  className?: string;
  eager?: boolean;
}) {
  const [broken, setBroken] = useState(false);
  if (!item.hasThumbnail || broken) {
    const Icon = item.kind === "video" ? Film : ImageOff;
    return (
      <div
        role="img"
        aria-label={item.filename}
        className={cn(
          "flex size-full flex-col items-center justify-center gap-2 bg-muted text-muted-foreground",
          className,
        )}
      >
        <Icon className="size-8" aria-hidden />
        <span className="max-w-full truncate px-2 text-xs">{item.kind === "video" ? "Video" : "No preview"}</span>
      </div>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- signed-in thumbnails: next/image would re-encode them
    <img
      src={outputThumbnailUrl(item.id)}
      alt={item.filename}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      draggable={false}
      onError={() => setBroken(true)}
      className={cn("size-full bg-muted object-cover", className)}
    />
  );
}

/** "768 × 512" under a thumbnail, when the archive knows the size. */
export function OutputSize({ item }: { item: Pick<GalleryItem, "width" | "height"> }) {
  if (!item.width || !item.height) return null;
  return (
    <span className="text-xs text-muted-foreground tabular-nums">
      {item.width} × {item.height}
    </span>
  );
}

/** An archived video, played from the original (its metadata only until it plays). */
export function OutputVideo({ item, className }: { item: Pick<GalleryItem, "id" | "filename">; className?: string }) {
  return (
    <video
      src={outputUrl(item.id)}
      controls
      playsInline
      preload="metadata"
      aria-label={item.filename}
      className={className}
    />
  );
}
