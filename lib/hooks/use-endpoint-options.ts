"use client";

import { useQuery } from "@tanstack/react-query";
import type { EndpointOptions } from "@/lib/endpoints/service";

export const ENDPOINT_OPTIONS_QUERY_KEY = ["endpoint-options"] as const;

/** `GET /api/endpoints/options`; a failure carries the server's sentence (`{error: {message}}`), not a status code. */
export async function fetchEndpointOptions(): Promise<EndpointOptions> {
  const response = await fetch("/api/endpoints/options", {
    headers: { accept: "application/json" },
    cache: "no-store",
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new Error(
      typeof message === "string" && message
        ? message
        : `The server answered ${response.status} when loading the options.`,
    );
  }
  return body as EndpointOptions;
}

/** Limits, GPU products, registry credentials and network storages for the endpoint forms. */
export function useEndpointOptions() {
  return useQuery({ queryKey: ENDPOINT_OPTIONS_QUERY_KEY, queryFn: fetchEndpointOptions, staleTime: 60_000 });
}
