import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import type { EndpointView } from "@/lib/endpoints/service";
import { formatCost } from "@/lib/format/money";
import { EndpointStatusBadge } from "../status-badge";
import { JobRouteName } from "./job-route-name";
import { QuickScale } from "./quick-scale";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid min-w-0 gap-1">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm font-medium tabular-nums">{children}</dd>
    </div>
  );
}

/** Name, status and the live facts of an endpoint, with quick scale for those allowed to scale. */
export function DetailsHeader({ view, canScale }: { view: EndpointView; canScale: boolean }) {
  const { endpoint, health } = view;
  const { spec } = endpoint;
  const jobs = health ? `${health.jobs.inQueue} / ${health.jobs.inProgress}` : "—";
  return (
    <header className="mb-6 grid gap-4">
      <Link
        href="/endpoints"
        className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden /> Endpoints
      </Link>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words">{spec.name || endpoint.id}</h1>
        <EndpointStatusBadge status={endpoint.status} />
        <span className="font-mono text-xs text-muted-foreground">{endpoint.id}</span>
        {endpoint.type ? (
          <span className="rounded border px-1.5 py-0.5 text-xs text-muted-foreground" title="Novita's endpoint type">
            {endpoint.type === "async" ? "Async" : endpoint.type === "sync" ? "Sync" : endpoint.type}
          </span>
        ) : null}
      </div>
      <div className="grid gap-4 rounded-lg border bg-card p-4">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
          <Fact label="GPU">
            {view.product?.name ?? spec.productId} × {spec.workers.gpusPerWorker}
          </Fact>
          <Fact label="Workers running / total">
            <span data-testid="workers-count">
              {view.runningWorkers} / {endpoint.workers.length}
            </span>
          </Fact>
          <Fact label="Jobs in queue / in progress">
            <span data-testid="jobs-count">{jobs}</span>
          </Fact>
          <Fact label="Cost per hour now">
            <span data-testid="cost-now">{formatCost(view.costPerHourNow)}</span>
          </Fact>
          <Fact label="Job route name">
            <JobRouteName endpointId={endpoint.id} route={view.jobRoute} canEdit={canScale} />
          </Fact>
        </dl>
        {canScale ? (
          <div className="border-t pt-4">
            <QuickScale endpointId={endpoint.id} current={{ min: spec.workers.min, max: spec.workers.max }} />
          </div>
        ) : null}
      </div>
    </header>
  );
}
