"use client";

import { Check, Film, Star } from "lucide-react";
import type { GalleryItem } from "@/lib/outputs/items";
import { cn } from "@/lib/utils/cn";
import { OutputThumb } from "./output-thumb";

/** One cell of the grid: opens the lightbox; a star and a compare checkbox on hover, focus or when set. */
export function OutputTile({
  item,
  selected,
  selecting,
  eager,
  onOpen,
  onToggleSelect,
  onToggleFavourite,
}: {
  item: GalleryItem;
  selected: boolean;
  selecting: boolean;
  eager: boolean;
  onOpen: () => void;
  onToggleSelect: () => void;
  onToggleFavourite: () => void;
}) {
  return (
    <div
      className={cn(
        "group relative size-full overflow-hidden rounded-md border bg-muted",
        selected && "ring-2 ring-primary ring-offset-2 ring-offset-background",
      )}
    >
      <button
        type="button"
        onClick={onOpen}
        aria-label={`Open ${item.filename}`}
        className={cn(
          "block size-full",
          "focus-visible:ring-[3px] focus-visible:ring-ring/70 focus-visible:outline-none focus-visible:ring-inset",
        )}
      >
        <OutputThumb item={item} eager={eager} className="transition-transform duration-200 group-hover:scale-[1.02]" />
      </button>
      {item.kind !== "image" ? (
        <span
          className={cn(
            "pointer-events-none absolute bottom-1.5 left-1.5 inline-flex items-center gap-1",
            "rounded bg-black/65 px-1.5 py-0.5 text-[11px] font-medium text-white",
          )}
        >
          {item.kind === "video" ? <Film className="size-3" aria-hidden /> : null}
          {item.kind === "video" ? "Video" : "GIF"}
        </span>
      ) : null}
      <button
        type="button"
        role="checkbox"
        aria-checked={selected}
        aria-label={`Select ${item.filename} to compare`}
        onClick={onToggleSelect}
        className={cn(
          "absolute top-1.5 left-1.5 flex size-7 items-center justify-center rounded-md border border-white/70",
          "bg-black/45 text-white shadow-sm backdrop-blur-sm transition-opacity",
          "focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
          selected
            ? "border-primary bg-primary text-primary-foreground opacity-100"
            : selecting
              ? "opacity-100"
              : "opacity-0 group-hover:opacity-100 pointer-coarse:opacity-100",
        )}
      >
        {selected ? <Check className="size-4" aria-hidden /> : null}
      </button>
      <button
        type="button"
        aria-pressed={item.favourite}
        aria-label={`Favourite ${item.filename}`}
        onClick={onToggleFavourite}
        className={cn(
          "absolute top-1.5 right-1.5 flex size-7 items-center justify-center rounded-md",
          "bg-black/45 text-white shadow-sm backdrop-blur-sm transition-opacity",
          "focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none",
          item.favourite ? "opacity-100" : "opacity-0 group-hover:opacity-100 pointer-coarse:opacity-100",
        )}
      >
        <Star className={cn("size-4", item.favourite && "fill-amber-400 text-amber-400")} aria-hidden />
      </button>
    </div>
  );
}
