"use client";

import { AlertCircle, Plus, SearchX, Server } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import type { EndpointView } from "@/lib/endpoints/service";
import { useEndpoints } from "@/lib/hooks/use-endpoints";
import { EndpointCards } from "./endpoint-cards";
import { EndpointsTable } from "./endpoints-table";
import { filterEndpoints, parseStatusFilter, STATUS_FILTERS } from "@/lib/endpoints/filter";

/** Filters live in the URL; replaceState (which Next syncs into useSearchParams) avoids a server round trip per key. */
function useListFilters() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const query = searchParams.get("q") ?? "";
  const status = parseStatusFilter(searchParams.get("status"));
  const set = (key: "q" | "status", value: string) => {
    const next = new URLSearchParams(searchParams.toString());
    if (value && value !== "all") next.set(key, value);
    else next.delete(key);
    const search = next.toString();
    window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
  };
  return {
    query,
    status,
    setQuery: (value: string) => set("q", value),
    setStatus: (value: string) => set("status", value),
  };
}

function CreateEndpointButton() {
  return (
    <Button asChild>
      <Link href="/endpoints/new">
        <Plus aria-hidden /> Create endpoint
      </Link>
    </Button>
  );
}

function LoadError({ message, onRetry, retrying }: { message: string; onRetry: () => void; retrying: boolean }) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-destructive/40 bg-destructive/10 px-4 py-3 text-sm text-destructive"
    >
      <AlertCircle className="size-4 shrink-0" aria-hidden />
      <span className="min-w-0 flex-1">Could not load endpoints: {message}</span>
      <Button variant="outline" size="sm" onClick={onRetry} loading={retrying}>
        Retry
      </Button>
    </div>
  );
}

export function EndpointsList({
  initialData,
  canCreate,
}: {
  initialData: EndpointView[] | undefined;
  canCreate: boolean;
}) {
  const { data, error, refetch, isFetching, isPending } = useEndpoints(initialData);
  const { query, status, setQuery, setStatus } = useListFilters();
  const views = data ?? [];
  const shown = filterEndpoints(views, query, status);

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      {error ? <LoadError message={error.message} onRetry={() => void refetch()} retrying={isFetching} /> : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <Input
          type="search"
          aria-label="Search endpoints by name or id"
          placeholder="Search by name or id"
          defaultValue={query}
          onChange={(event) => setQuery(event.target.value)}
          className="sm:max-w-xs"
        />
        <Select value={status} onValueChange={setStatus}>
          <SelectTrigger aria-label="Filter by status" className="w-full sm:w-48">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {STATUS_FILTERS.map((filter) => (
              <SelectItem key={filter.value} value={filter.value}>
                {filter.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {data ? (
          <p className="text-sm text-muted-foreground sm:ml-auto" aria-live="polite">
            {shown.length === views.length
              ? `${views.length} endpoint${views.length === 1 ? "" : "s"}`
              : `${shown.length} of ${views.length} endpoints`}
          </p>
        ) : null}
      </div>
      {isPending ? (
        <div className="grid gap-2" aria-label="Loading endpoints">
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
        </div>
      ) : views.length === 0 && !error ? (
        <EmptyState
          icon={Server}
          title="No endpoints yet"
          description={
            canCreate
              ? "An endpoint runs your image on serverless GPU workers that scale with the queue. Start from a ComfyUI template or your own image."
              : "An endpoint runs an image on serverless GPU workers. Ask an administrator to create one; it will show up here."
          }
          action={canCreate ? <CreateEndpointButton /> : undefined}
        />
      ) : shown.length === 0 && views.length > 0 ? (
        <EmptyState
          icon={SearchX}
          title="No endpoint matches"
          description="Nothing matches this search and status. Clear the search or pick another status."
        />
      ) : shown.length > 0 ? (
        <>
          <EndpointsTable views={shown} />
          <EndpointCards views={shown} />
        </>
      ) : null}
    </div>
  );
}

export { CreateEndpointButton };
