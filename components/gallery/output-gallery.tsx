"use client";

import { Columns2, Images, SearchX, X } from "lucide-react";
import Link from "next/link";
import { lazy, Suspense, useCallback, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { QueryLoadError } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useEndpointNames } from "@/lib/hooks/use-endpoints";
import { useOutputList } from "@/lib/hooks/use-outputs";
import type { GalleryItem } from "@/lib/outputs/items";
import { cn } from "@/lib/utils/cn";
import { CompareDialog } from "./compare-dialog";
import { GalleryFilters } from "./gallery-filters";
import { GalleryGrid } from "./gallery-grid";
import { useGalleryFilters } from "./use-gallery-filters";
import { useToggleFavourite } from "./use-favourite";

// The viewer (yet-another-react-lightbox) downloads when a picture is first opened.
const OutputLightbox = lazy(() => import("./output-lightbox").then((module) => ({ default: module.OutputLightbox })));

const MAX_COMPARE = 4;
const NO_OUTPUTS =
  "Images and videos from completed jobs are archived here the moment a job completes, " +
  "so they outlive Novita's six hours.";

function GridSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-6" aria-label="Loading outputs" role="status">
      {Array.from({ length: 12 }, (_, index) => (
        <Skeleton key={index} className="aspect-square" />
      ))}
    </div>
  );
}

/**
 * Every archived output (or one workflow's, with `workflowId`): filters in the URL, a virtualized grid by day,
 * a lightbox, favourites and a side-by-side comparison of 2–4 outputs.
 */
export function OutputGallery({
  workflowId,
  workflows = [],
}: {
  workflowId?: string;
  workflows?: { id: string; name: string }[];
}) {
  const galleryFilters = useGalleryFilters(workflowId);
  const { params, filtered, clearFilters } = galleryFilters;
  const list = useOutputList(galleryFilters.filters);
  const endpoints = useEndpointNames();
  const toggleFavourite = useToggleFavourite();
  const [openIndex, setOpenIndex] = useState(-1);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [comparing, setComparing] = useState(false);

  const favouritesOnly = params.favourites;
  const loaded = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  // In "favourites only", an unstarred output leaves the view right away.
  const items = useMemo(
    () => (favouritesOnly ? loaded.filter((item) => item.favourite) : loaded),
    [loaded, favouritesOnly],
  );
  const byId = useMemo(() => new Map(loaded.map((item) => [item.id, item])), [loaded]);
  const selected = selectedIds.map((id) => byId.get(id)).filter((item): item is GalleryItem => Boolean(item));

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const toggleSelect = (item: GalleryItem) =>
    setSelectedIds((current) =>
      current.includes(item.id)
        ? current.filter((id) => id !== item.id)
        : current.length >= MAX_COMPARE
          ? current
          : [...current, item.id],
    );

  let body: React.ReactNode;
  if (list.isPending) body = <GridSkeleton />;
  else if (list.isError && !list.data) {
    body = <QueryLoadError what="the outputs" query={list} />;
  } else if (items.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={SearchX}
        title="No outputs match"
        description={
          favouritesOnly
            ? "You have not starred any output under these filters yet."
            : "Nothing archived matches these filters. Try a wider date range or another prompt."
        }
        action={
          <Button variant="outline" onClick={clearFilters}>
            Clear filters
          </Button>
        }
      />
    ) : (
      <EmptyState
        icon={Images}
        title="No outputs yet"
        description={NO_OUTPUTS}
        action={
          <Button asChild variant="outline">
            <Link href="/jobs/new">Send a job</Link>
          </Button>
        }
      />
    );
  } else {
    body = (
      <GalleryGrid
        items={items}
        selected={selectedIds}
        hasMore={Boolean(hasNextPage)}
        loadingMore={isFetchingNextPage}
        onLoadMore={loadMore}
        onOpen={setOpenIndex}
        onToggleSelect={toggleSelect}
        onToggleFavourite={(item) => void toggleFavourite(item)}
      />
    );
  }

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <GalleryFilters
        filters={galleryFilters}
        endpoints={endpoints.options}
        workflows={workflows}
        showWorkflow={!workflowId}
      />
      {selected.length > 0 ? (
        <div
          role="region"
          aria-label="Compare selection"
          className={cn(
            "sticky top-2 z-20 flex flex-wrap items-center gap-2 px-3 py-2 text-sm",
            "rounded-lg border bg-card/95 shadow-sm backdrop-blur",
          )}
        >
          <span className="tabular-nums">
            {selected.length} of {MAX_COMPARE} selected
          </span>
          <span className="hidden text-muted-foreground sm:inline">
            — pick 2 to {MAX_COMPARE} to compare side by side
          </span>
          <div className="ml-auto flex gap-2">
            <Button size="sm" disabled={selected.length < 2} onClick={() => setComparing(true)}>
              <Columns2 aria-hidden /> Compare
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setSelectedIds([])}>
              <X aria-hidden /> Clear
            </Button>
          </div>
        </div>
      ) : null}
      {body}
      {openIndex >= 0 && items.length > 0 ? (
        <Suspense fallback={null}>
          <OutputLightbox
            items={items}
            index={Math.min(openIndex, items.length - 1)}
            endpointNames={endpoints.names}
            onIndexChange={setOpenIndex}
            onClose={() => setOpenIndex(-1)}
            onNearEnd={loadMore}
            onToggleFavourite={(item) => void toggleFavourite(item)}
          />
        </Suspense>
      ) : null}
      <CompareDialog items={selected} open={comparing && selected.length >= 2} onOpenChange={setComparing} />
    </div>
  );
}
