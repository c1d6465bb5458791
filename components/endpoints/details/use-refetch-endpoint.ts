"use client";

import { useQueryClient } from "@tanstack/react-query";
import { endpointQueryKey, ENDPOINTS_QUERY_KEY } from "@/lib/hooks/use-endpoints";

/** After a change to one endpoint: refetches it and the endpoints list; resolves once both are back. */
export function useRefetchEndpoint(endpointId: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: endpointQueryKey(endpointId) }),
      queryClient.invalidateQueries({ queryKey: ENDPOINTS_QUERY_KEY, exact: true }),
    ]);
  };
}
