"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { dayBoundary } from "@/lib/format/time";
import type { OutputListFilters } from "@/lib/hooks/use-outputs";

export type GalleryFilterKey = "endpoint" | "workflow" | "q" | "from" | "to" | "favourites";

export interface GalleryFilterParams {
  endpoint: string | undefined;
  workflow: string | undefined;
  q: string;
  from: string | undefined;
  to: string | undefined;
  favourites: boolean;
}

/**
 * The gallery's filters as the URL holds them (`?endpoint=&workflow=&q=&from=&to=&favourites=1`): shareable and
 * kept on reload. A gallery mounted for one workflow has that filter fixed.
 */
export function useGalleryFilters(fixedWorkflowId?: string) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const params: GalleryFilterParams = {
    endpoint: searchParams.get("endpoint") || undefined,
    workflow: fixedWorkflowId ?? (searchParams.get("workflow") || undefined),
    q: searchParams.get("q") ?? "",
    from: searchParams.get("from") || undefined,
    to: searchParams.get("to") || undefined,
    favourites: searchParams.get("favourites") === "1",
  };
  const { endpoint, workflow, q, from, to, favourites } = params;
  const filters = useMemo<OutputListFilters>(() => {
    const next: OutputListFilters = {};
    if (endpoint) next.endpoint = endpoint;
    if (workflow) next.workflow = workflow;
    const fromIso = dayBoundary(from, "start");
    const toIso = dayBoundary(to, "end");
    if (fromIso) next.from = fromIso;
    if (toIso) next.to = toIso;
    if (q.trim()) next.q = q.trim();
    if (favourites) next.favourites = "1";
    return next;
  }, [endpoint, workflow, from, to, q, favourites]);

  const update = (changes: Partial<Record<GalleryFilterKey, string | undefined>>) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value && value !== "all") next.set(key, value);
      else next.delete(key);
    }
    const search = next.toString();
    window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
  };
  const filtered = Boolean(endpoint || (!fixedWorkflowId && workflow) || from || to || q.trim() || favourites);
  return { params, filters, filtered, update };
}
