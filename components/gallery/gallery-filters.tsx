"use client";

import { Star } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FilterBar } from "@/components/ui/filter-bar";
import { FilterSelect } from "@/components/ui/endpoint-select";
import { unlessAll } from "@/lib/hooks/use-list-filters";
import type { useGalleryFilters } from "./use-gallery-filters";

type GalleryFilterState = ReturnType<typeof useGalleryFilters>;

export function GalleryFilters({
  filters,
  endpoints,
  workflows,
  showWorkflow,
}: {
  filters: GalleryFilterState;
  endpoints: { id: string; name: string }[];
  workflows: { id: string; name: string }[];
  showWorkflow: boolean;
}) {
  const { params, setFilters } = filters;
  return (
    <FilterBar
      label="Gallery filters"
      search={{ label: "Search outputs by prompt", placeholder: "Text in the prompt…" }}
      endpoints={endpoints}
      filters={filters}
      trailing={
        <Button
          variant={params.favourites ? "secondary" : "outline"}
          aria-pressed={params.favourites}
          onClick={() => setFilters({ favourites: !params.favourites })}
        >
          <Star aria-hidden className={params.favourites ? "fill-amber-400 text-amber-500" : undefined} /> Favourites
          only
        </Button>
      }
    >
      {showWorkflow ? (
        <FilterSelect
          label="Filter by workflow"
          allLabel="All workflows"
          value={params.workflow ?? undefined}
          options={workflows}
          onChange={(workflow) => setFilters({ workflow: unlessAll(workflow) })}
          className="sm:w-44"
        />
      ) : null}
    </FilterBar>
  );
}
