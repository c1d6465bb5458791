"use client";

import { lazy, Suspense, useMemo, useState, type ReactNode } from "react";
import { RetryAlert } from "@/components/ui/load-error";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { EndpointView } from "@/lib/endpoints/service";
import { EndpointsApiError, useEndpoint, useHealthHistory } from "@/lib/hooks/use-endpoints";
import { useHydrated } from "@/lib/hooks/use-hydrated";
import type { EndpointSpec } from "@/lib/novita/types";
import { parseDetailTab, type DetailTab } from "./detail-tabs";
import { DetailsHeader } from "./details-header";
import { EndpointNotFound } from "./endpoint-not-found";
import { OverviewTab } from "./overview-tab";

// Every tab but the overview downloads when it is first shown: the settings editor and the send form (CodeMirror)
// would otherwise come with every visit to the overview.
const WorkersTab = lazy(() => import("./workers-tab").then((module) => ({ default: module.WorkersTab })));
const SettingsTab = lazy(() => import("./settings-tab").then((module) => ({ default: module.SettingsTab })));
const ApiTab = lazy(() => import("./api-tab").then((module) => ({ default: module.ApiTab })));
const JobsTab = lazy(() => import("./jobs-tab").then((module) => ({ default: module.JobsTab })));
const DangerZone = lazy(() => import("./danger-zone").then((module) => ({ default: module.DangerZone })));

/**
 * A tab downloaded late renders in the browser only: the server (and hydration) show its placeholder. Its form
 * would otherwise arrive as server HTML that takes typing before its code is there, and the text typed then never
 * reaches React's state (the Danger zone's Delete stayed disabled with the endpoint's name typed in).
 */
function LazyTab({ children }: { children: ReactNode }) {
  const hydrated = useHydrated();
  const placeholder = <Skeleton className="h-40" />;
  if (!hydrated) return placeholder;
  return <Suspense fallback={placeholder}>{children}</Suspense>;
}

export interface DetailPermissions {
  canEdit: boolean;
  canDelete: boolean;
  /** Admins: reveal saved secret env values (one at a time, audited). */
  canRevealSecrets: boolean;
}

/** A spec object that keeps its identity while its content is unchanged, so polling does not reset the editor. */
function useStableSpec(spec: EndpointSpec | undefined): EndpointSpec | undefined {
  const key = spec ? JSON.stringify(spec) : "";
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the content on purpose
  return useMemo(() => spec, [key]);
}

function useTabInUrl(initialTab: DetailTab) {
  const [tab, setTab] = useState<DetailTab>(initialTab);
  const change = (value: string) => {
    const next = parseDetailTab(value);
    setTab(next);
    const url = new URL(window.location.href);
    if (next === "overview") url.searchParams.delete("tab");
    else url.searchParams.set("tab", next);
    window.history.replaceState(null, "", `${url.pathname}${url.search}`);
  };
  return [tab, change] as const;
}

export function EndpointDetails(props: {
  id: string;
  initialData: EndpointView | undefined;
  initialTab: DetailTab;
  jobsBaseUrl: string;
  localMode: boolean;
  permissions: DetailPermissions;
}) {
  const { id, permissions } = props;
  const { data: view, error, refetch, isFetching, dataUpdatedAt } = useEndpoint(id, props.initialData);
  const samples = useHealthHistory(view, dataUpdatedAt);
  const [tab, setTab] = useTabInUrl(
    props.initialTab === "danger" && !permissions.canDelete ? "overview" : props.initialTab,
  );
  const spec = useStableSpec(view?.endpoint.spec);

  if (error instanceof EndpointsApiError && error.status === 404) return <EndpointNotFound id={id} />;
  const errorBanner = error ? (
    <RetryAlert className="mb-4" onRetry={() => void refetch()} retrying={isFetching}>
      Could not refresh this endpoint: {error.message}
    </RetryAlert>
  ) : null;
  if (!view || !spec) {
    return (
      <div className="grid gap-4">
        {errorBanner}
        {error ? null : <Skeleton className="h-40" />}
      </div>
    );
  }
  const name = spec.name || view.endpoint.id;

  return (
    <>
      {errorBanner}
      <DetailsHeader view={view} canScale={permissions.canEdit} />
      <Tabs value={tab} onValueChange={setTab} className="gap-4">
        <div className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
          <TabsList aria-label="Endpoint sections">
            <TabsTrigger value="overview">Overview</TabsTrigger>
            <TabsTrigger value="workers">Workers</TabsTrigger>
            <TabsTrigger value="settings">Settings</TabsTrigger>
            <TabsTrigger value="api">API</TabsTrigger>
            <TabsTrigger value="jobs">Jobs</TabsTrigger>
            {permissions.canDelete ? <TabsTrigger value="danger">Danger zone</TabsTrigger> : null}
          </TabsList>
        </div>
        <TabsContent value="overview">
          <OverviewTab view={view} samples={samples} />
        </TabsContent>
        <TabsContent value="workers">
          <LazyTab>
            <WorkersTab workers={view.endpoint.workers} minWorkers={spec.workers.min} />
          </LazyTab>
        </TabsContent>
        <TabsContent value="settings">
          <LazyTab>
            <SettingsTab
              endpointId={view.endpoint.id}
              spec={spec}
              canEdit={permissions.canEdit}
              canReveal={permissions.canRevealSecrets}
            />
          </LazyTab>
        </TabsContent>
        <TabsContent value="api">
          <LazyTab>
            <ApiTab
              jobsBaseUrl={props.jobsBaseUrl}
              routeName={view.endpoint.jobRouteName}
              localMode={props.localMode}
            />
          </LazyTab>
        </TabsContent>
        <TabsContent value="jobs">
          <LazyTab>
            <JobsTab endpointId={view.endpoint.id} canSend={permissions.canEdit} />
          </LazyTab>
        </TabsContent>
        {permissions.canDelete ? (
          <TabsContent value="danger">
            <LazyTab>
              <DangerZone endpointId={view.endpoint.id} endpointName={name} />
            </LazyTab>
          </TabsContent>
        ) : null}
      </Tabs>
    </>
  );
}
