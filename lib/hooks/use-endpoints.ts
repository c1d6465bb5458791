"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import {
  appendHealthSample,
  healthSampleOf,
  mergeHealthHistories,
  type HealthSample,
} from "@/lib/endpoints/health-history";
import type { EndpointView } from "@/lib/endpoints/service";
import { ConsoleApiError, getApiJson } from "./api-json";

export const ENDPOINTS_QUERY_KEY = ["endpoints"] as const;
export const endpointQueryKey = (id: string) => ["endpoints", id] as const;

/** @deprecated The same class as `ConsoleApiError` (lib/hooks/api-json.ts): import that. */
export { ConsoleApiError as EndpointsApiError };

/** Every endpoint with its health, refreshed every 5 s while the list is open. */
export function useEndpoints(initialData?: EndpointView[]) {
  return useQuery({
    queryKey: ENDPOINTS_QUERY_KEY,
    queryFn: async ({ signal }) =>
      (await getApiJson<{ endpoints: EndpointView[] }>("/api/endpoints", signal)).endpoints,
    initialData,
    staleTime: 0,
    refetchInterval: 5_000,
  });
}

/** The endpoints as a filter or a row names them (`spec.name`, else the id), and a lookup by id. */
export function useEndpointNames() {
  const { data } = useEndpoints();
  return useMemo(() => {
    const options = (data ?? []).map(({ endpoint }) => ({ id: endpoint.id, name: endpoint.spec.name || endpoint.id }));
    return { options, names: new Map(options.map((option) => [option.id, option.name])) };
  }, [data]);
}

/** One endpoint, refreshed every 3 s while its page is open; a 404 is final (no retry). */
export function useEndpoint(id: string, initialData?: EndpointView) {
  return useQuery({
    queryKey: endpointQueryKey(id),
    queryFn: ({ signal }) => getApiJson<EndpointView>(`/api/endpoints/${encodeURIComponent(id)}`, signal),
    initialData,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.error instanceof ConsoleApiError && query.state.error.status === 404 ? false : 3_000,
    retry: (failures, error) => !(error instanceof ConsoleApiError && error.status === 404) && failures < 1,
  });
}

/** Health samples kept in memory while the page is open: one per successful poll, the newest 200. */
export function useHealthHistory(view: EndpointView | undefined, updatedAt: number): HealthSample[] {
  const [state, setState] = useState<{ updatedAt: number; samples: HealthSample[] }>({ updatedAt: 0, samples: [] });
  // Derived during render (React's pattern for state that follows a prop), so no effect and no extra paint.
  if (view && updatedAt > state.updatedAt) {
    setState({ updatedAt, samples: appendHealthSample(state.samples, healthSampleOf(view, updatedAt)) });
  }
  const stored = useQuery({
    queryKey: ["endpoint-health-history", view?.endpoint.id],
    enabled: Boolean(view),
    queryFn: async () => {
      const response = await fetch(`/api/endpoints/${encodeURIComponent(view!.endpoint.id)}/health?hours=24`);
      if (!response.ok) return [] as HealthSample[];
      return ((await response.json()) as { samples: HealthSample[] }).samples;
    },
    refetchInterval: 60_000,
  });
  // The tracker's stored history (kept 30 days) comes first, then what this page sampled live.
  return useMemo(() => mergeHealthHistories(stored.data ?? [], state.samples), [stored.data, state.samples]);
}
