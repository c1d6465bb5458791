"use client";

import { Info } from "lucide-react";
import { useMemo, useState } from "react";
import Lightbox, { type Slide } from "yet-another-react-lightbox";
import Video from "yet-another-react-lightbox/plugins/video";
import Zoom from "yet-another-react-lightbox/plugins/zoom";
import "yet-another-react-lightbox/styles.css";
import { outputThumbnailUrl, outputUrl, THUMBNAIL_MAX_PX, type GalleryItem } from "@/lib/outputs/items";
import { OutputDetailsPanel } from "./output-details-panel";

function toSlide(item: GalleryItem): Slide {
  const width = item.width ?? 1280;
  const height = item.height ?? 720;
  if (item.kind === "video") {
    return {
      type: "video",
      sources: [{ src: outputUrl(item.id), type: item.mime }],
      width,
      height,
      controls: true,
      playsInline: true,
      preload: "metadata",
    };
  }
  // The thumbnail shows at once; the original replaces it at the sizes where it is sharper.
  const thumbScale = Math.min(1, THUMBNAIL_MAX_PX / Math.max(width, height));
  const srcSet =
    item.hasThumbnail && item.kind === "image" && thumbScale < 1
      ? [
          {
            src: outputThumbnailUrl(item.id),
            width: Math.round(width * thumbScale),
            height: Math.round(height * thumbScale),
          },
          { src: outputUrl(item.id), width, height },
        ]
      : undefined;
  return { src: outputUrl(item.id), alt: item.filename, width, height, srcSet };
}

/** Full-size viewing: zoom, video playback, ←/→ between outputs, Esc to close, with a details panel. */
export function OutputLightbox({
  items,
  index,
  endpointNames,
  onIndexChange,
  onClose,
  onNearEnd,
  onToggleFavourite,
}: {
  items: GalleryItem[];
  index: number;
  endpointNames: Map<string, string>;
  onIndexChange: (index: number) => void;
  onClose: () => void;
  onNearEnd?: () => void;
  onToggleFavourite: (item: GalleryItem) => void;
}) {
  const slides = useMemo(() => items.map(toSlide), [items]);
  const [showDetails, setShowDetails] = useState(() => typeof window === "undefined" || window.innerWidth >= 1024);
  const current = items[index];
  return (
    <Lightbox
      open={index >= 0}
      index={Math.max(0, index)}
      slides={slides}
      close={onClose}
      plugins={[Zoom, Video]}
      carousel={{ finite: true, preload: 1 }}
      zoom={{ maxZoomPixelRatio: 4, scrollToZoom: true }}
      controller={{ closeOnBackdropClick: false }}
      labels={{ Lightbox: "Output viewer" }}
      on={{
        view: ({ index: next }) => {
          onIndexChange(next);
          if (next >= items.length - 3) onNearEnd?.();
        },
      }}
      // On wide screens the details panel takes the right 320 px; the slide keeps clear of it.
      styles={{ container: { backgroundColor: "#0a0a0a" } }}
      className={showDetails ? "output-lightbox output-lightbox--details" : "output-lightbox"}
      toolbar={{
        buttons: [
          <button
            key="details"
            type="button"
            className="yarl__button"
            aria-label={showDetails ? "Hide details" : "Show details"}
            aria-pressed={showDetails}
            onClick={() => setShowDetails((shown) => !shown)}
          >
            <Info className="size-6" aria-hidden />
          </button>,
          "close",
        ],
      }}
      render={{
        controls: () =>
          current && showDetails ? (
            <OutputDetailsPanel
              item={current}
              endpointName={endpointNames.get(current.endpointId)}
              onClose={() => setShowDetails(false)}
              onToggleFavourite={() => onToggleFavourite(current)}
            />
          ) : null,
      }}
    />
  );
}
