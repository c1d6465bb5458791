"use client";

import { ExternalLink } from "lucide-react";
import type { InlinePreview } from "@/lib/outputs/extract";
import { cn } from "@/lib/utils/cn";

/** Opens a data: URL image in a new tab (browsers block top-level navigation to data: URLs, so via a blob). */
function openDataImage(src: string) {
  const [meta, data] = src.split(",", 2);
  const mime = /data:([^;]+)/.exec(meta ?? "")?.[1] ?? "image/png";
  const bytes = Uint8Array.from(atob(data ?? ""), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  window.open(url, "_blank", "noopener");
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The output's images (and videos), inline from the job's output, before it is archived; a click opens one full
 * size in a new tab.
 */
export function OutputImages({ images }: { images: InlinePreview[] }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" aria-label="Output images">
      {images.map((image, index) => {
        const isData = image.src.startsWith("data:");
        if (image.kind === "video") {
          return (
            <li key={`${index}-${image.filename}`} className="grid min-w-0 gap-1">
              <video
                src={image.src}
                controls
                playsInline
                preload="metadata"
                aria-label={image.filename}
                className="aspect-square w-full rounded-md border bg-muted object-contain"
              />
              <span className="truncate text-xs text-muted-foreground">{image.filename}</span>
            </li>
          );
        }
        return (
          <li key={`${index}-${image.filename}`} className="min-w-0">
            <a
              href={image.src}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`Open ${image.filename} full size in a new tab`}
              className={cn(
                "grid gap-1 rounded-md",
                "focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:outline-none",
              )}
              onClick={
                isData
                  ? (event) => {
                      event.preventDefault();
                      openDataImage(image.src);
                    }
                  : undefined
              }
            >
              {/* data: and arbitrary worker URLs, which next/image cannot optimize */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img
                src={image.src}
                alt={image.filename}
                loading="lazy"
                className="aspect-square w-full rounded-md border bg-muted object-contain"
              />
              <span className="flex items-center gap-1 truncate text-xs text-muted-foreground">
                <span className="truncate">{image.filename}</span>
                <ExternalLink className="size-3 shrink-0" aria-hidden />
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
