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

export const ENDPOINTS_QUERY_KEY = ["endpoints"] as const;
export const endpointQueryKey = (id: string) => ["endpoints", id] as const;

/** A failed read of our own API, with the sentence the route handler wrote for people. */
export class EndpointsApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "EndpointsApiError";
  }
}

async function getJson<T>(url: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  } catch {
    throw new EndpointsApiError(
      "The console server did not answer. Check that it is running and your network.",
      0,
      "network",
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new EndpointsApiError(
      error?.message ?? `The console answered ${response.status}.`,
      response.status,
      error?.code ?? "unknown",
    );
  }
  return body as T;
}

/** Every endpoint with its health, refreshed every 5 s while the list is open. */
export function useEndpoints(initialData?: EndpointView[]) {
  return useQuery({
    queryKey: ENDPOINTS_QUERY_KEY,
    queryFn: async () => (await getJson<{ endpoints: EndpointView[] }>("/api/endpoints")).endpoints,
    initialData,
    staleTime: 0,
    refetchInterval: 5_000,
  });
}

/** One endpoint, refreshed every 3 s while its page is open; a 404 is final (no retry). */
export function useEndpoint(id: string, initialData?: EndpointView) {
  return useQuery({
    queryKey: endpointQueryKey(id),
    queryFn: () => getJson<EndpointView>(`/api/endpoints/${encodeURIComponent(id)}`),
    initialData,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.error instanceof EndpointsApiError && query.state.error.status === 404 ? false : 3_000,
    retry: (failures, error) => !(error instanceof EndpointsApiError && error.status === 404) && failures < 1,
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
