"use client";

import { AlertCircle, RotateCw } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import type { EndpointOptions } from "@/lib/endpoints/service";
import { useEndpointOptions } from "@/lib/hooks/use-endpoint-options";

/**
 * Renders `children` with the account's limits and choices once they are known (the endpoint forms' schema is built
 * from them); until then a skeleton, or why they could not be read with a Retry.
 */
export function WithEndpointOptions({ children }: { children: (options: EndpointOptions) => React.ReactNode }) {
  const options = useEndpointOptions();
  // Once loaded, a failed background refresh keeps the form: unmounting it would throw away what is being typed.
  if (options.data) return children(options.data);
  if (options.isError) {
    return (
      <EndpointOptionsError
        message={options.error.message}
        onRetry={() => void options.refetch()}
        retrying={options.isFetching}
      />
    );
  }
  return <EndpointOptionsSkeleton />;
}

/** Placeholder while limits, GPU types and credentials load. */
export function EndpointOptionsSkeleton() {
  return (
    <div className="grid gap-4" role="status" aria-label="Loading endpoint options">
      <Skeleton className="h-10 w-full" />
      <div className="grid gap-3 sm:grid-cols-3">
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
      </div>
      <Skeleton className="h-9 w-full" />
      <Skeleton className="h-9 w-2/3" />
    </div>
  );
}

/** The options could not be read (Novita down, key refused …): say why and offer to try again. */
export function EndpointOptionsError({
  message,
  onRetry,
  retrying,
}: {
  message: string;
  onRetry: () => void;
  retrying: boolean;
}) {
  return (
    <div
      role="alert"
      className="flex flex-col gap-3 rounded-lg border border-destructive/40 bg-destructive/10 p-4 text-sm"
    >
      <div className="flex items-start gap-2 text-destructive">
        <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
        <div className="grid gap-1">
          <p className="font-medium">Could not load GPU types, limits and credentials from Novita.</p>
          <p>{message}</p>
        </div>
      </div>
      <div>
        <Button type="button" variant="outline" onClick={onRetry} loading={retrying}>
          {retrying ? null : <RotateCw aria-hidden />}
          Retry
        </Button>
      </div>
    </div>
  );
}
