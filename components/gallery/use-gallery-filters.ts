"use client";

import type { inferParserType } from "nuqs";
import type { OutputListFilters } from "@/lib/hooks/use-outputs";
import {
  commonApiFilters,
  commonFilterParsers,
  parseAsId,
  parseAsOne,
  useListFilters,
} from "@/lib/hooks/use-list-filters";

/** The gallery's filters as the URL holds them: `?endpoint=&workflow=&q=&from=&to=&favourites=1`. */
const galleryFilterParsers = { ...commonFilterParsers, workflow: parseAsId, favourites: parseAsOne };
export type GalleryFilterParams = inferParserType<typeof galleryFilterParsers>;

const CLEARABLE = ["q", "endpoint", "workflow", "from", "to", "favourites"] as const;
const CLEARABLE_FIXED_WORKFLOW = CLEARABLE.filter((key) => key !== "workflow");

/** A gallery mounted for one workflow has that filter fixed (and "Clear filters" leaves it). */
export function useGalleryFilters(fixedWorkflowId?: string) {
  const { params: fromUrl, ...rest } = useListFilters(
    galleryFilterParsers,
    fixedWorkflowId ? CLEARABLE_FIXED_WORKFLOW : CLEARABLE,
  );
  const params: GalleryFilterParams = fixedWorkflowId ? { ...fromUrl, workflow: fixedWorkflowId } : fromUrl;
  const filters: OutputListFilters = {
    ...commonApiFilters(params),
    workflow: params.workflow ?? undefined,
    favourites: params.favourites ? "1" : undefined,
  };
  return { params, filters, ...rest };
}
