"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { galleryRows } from "@/lib/outputs/layout";
import type { GalleryItem } from "@/lib/outputs/items";
import { OutputTile } from "./output-tile";

const GAP = 8;
const DAY_ROW_HEIGHT = 44;
/** Tiles stay at least this wide: 2 columns on a phone, 6 on a laptop. */
const MIN_TILE = 150;

function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry!.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * The virtualized grid: only the rows near the viewport are in the DOM (10,000 outputs cost what 30 do), grouped
 * by day; the next page loads as the end comes into view.
 */
export function GalleryGrid({
  items,
  selected,
  hasMore,
  loadingMore,
  onLoadMore,
  onOpen,
  onToggleSelect,
  onToggleFavourite,
}: {
  items: GalleryItem[];
  selected: string[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (index: number) => void;
  onToggleSelect: (item: GalleryItem) => void;
  onToggleFavourite: (item: GalleryItem) => void;
}) {
  const [containerRef, width] = useWidth<HTMLDivElement>();
  const columns = Math.max(2, Math.floor((width + GAP) / (MIN_TILE + GAP)));
  const tile = width ? (width - GAP * (columns - 1)) / columns : MIN_TILE;
  const rows = useMemo(() => galleryRows(items, columns, new Date()), [items, columns]);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    setScrollMargin(containerRef.current ? containerRef.current.getBoundingClientRect().top + window.scrollY : 0);
  }, [containerRef, width]);

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index]?.type === "day" ? DAY_ROW_HEIGHT : tile + GAP),
    // Each overscan row is 5–7 more thumbnails fetched before they are seen: two rows keep scrolling smooth.
    overscan: 2,
    scrollMargin,
    getItemKey: (index) => rows[index]?.key ?? index,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, tile, rows]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && !loadingMore && lastVisible >= rows.length - 4) onLoadMore();
  }, [hasMore, loadingMore, lastVisible, rows.length, onLoadMore]);

  const selecting = selected.length > 0;
  const firstScreen = Math.ceil(900 / (tile + GAP)) * columns;
  return (
    <div ref={containerRef} className="w-full">
      <div role="list" aria-label="Outputs" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualRows.map((virtualRow) => {
          const row = rows[virtualRow.index]!;
          const style = { transform: `translateY(${virtualRow.start - virtualizer.options.scrollMargin}px)` };
          if (row.type === "day") {
            return (
              <div
                key={row.key}
                role="presentation"
                className="absolute top-0 left-0 flex w-full items-end gap-2 pb-2"
                style={{ ...style, height: DAY_ROW_HEIGHT }}
              >
                <h2 className="text-sm font-semibold">{row.label}</h2>
                <span className="text-xs text-muted-foreground tabular-nums">
                  {row.count.toLocaleString()} {row.count === 1 ? "output" : "outputs"}
                </span>
              </div>
            );
          }
          return (
            <div
              key={row.key}
              role="presentation"
              className="absolute top-0 left-0 grid w-full"
              style={{ ...style, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: GAP, height: tile }}
            >
              {row.items.map((item, offset) => (
                <div role="listitem" key={item.id} aria-label={item.filename} className="min-w-0">
                  <OutputTile
                    item={item}
                    eager={row.startIndex + offset < firstScreen}
                    selected={selected.includes(item.id)}
                    selecting={selecting}
                    onOpen={() => onOpen(row.startIndex + offset)}
                    onToggleSelect={() => onToggleSelect(item)}
                    onToggleFavourite={() => onToggleFavourite(item)}
                  />
                </div>
              ))}
            </div>
          );
        })}
      </div>
      {loadingMore ? <p className="py-4 text-center text-sm text-muted-foreground">Loading more…</p> : null}
    </div>
  );
}
