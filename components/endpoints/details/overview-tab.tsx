import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { describeScaling } from "@/lib/endpoints/describe";
import type { HealthSample } from "@/lib/endpoints/health-history";
import type { EndpointView } from "@/lib/endpoints/service";
import { HealthChart } from "./health-chart";

function Setting({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 justify-between gap-4 border-b py-2 last:border-0">
      <dt className="text-muted-foreground">{label}</dt>
      <dd
        className="min-w-0 truncate text-right font-medium"
        title={typeof children === "string" ? children : undefined}
      >
        {children}
      </dd>
    </div>
  );
}

export function OverviewTab({ view, samples }: { view: EndpointView; samples: HealthSample[] }) {
  const { spec } = view.endpoint;
  const { workers, policy } = spec;
  const scaling = describeScaling({
    minWorkers: workers.min,
    maxWorkers: workers.max,
    idleTimeoutSeconds: workers.idleTimeoutSeconds,
    maxConcurrent: workers.maxConcurrent,
    policyType: policy.type,
    policyValue: policy.value,
  });
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <Card className="min-w-0">
        <CardHeader>
          <CardTitle>
            <h2>Workers and queue</h2>
          </CardTitle>
          <CardDescription>
            The last 24 hours from the console&apos;s tracker (kept 30 days), then sampled every 3 seconds while this
            page is open.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <HealthChart samples={samples} />
        </CardContent>
      </Card>
      <Card className="min-w-0">
        <CardHeader>
          <CardTitle>
            <h2>Scaling</h2>
          </CardTitle>
          <CardDescription data-testid="scaling-sentence">{scaling}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="text-sm">
            <Setting label="Image">{spec.image.image}</Setting>
            <Setting label="Workers (min – max)">{`${workers.min} – ${workers.max}`}</Setting>
            <Setting label="GPUs per worker">{String(workers.gpusPerWorker)}</Setting>
            <Setting label="Jobs per worker">{String(workers.maxConcurrent)}</Setting>
            <Setting label="Idle timeout">{`${workers.idleTimeoutSeconds} s`}</Setting>
            <Setting label="Request timeout">{`${workers.requestTimeoutSeconds} s`}</Setting>
            <Setting label="Scaling policy">
              {policy.type === "queue" ? `Queue wait ${policy.value} s` : `${policy.value} queued requests`}
            </Setting>
            <Setting label="Port">{String(spec.port)}</Setting>
            <Setting label="Environment">
              {spec.env.length === 0 ? "none" : `${spec.env.length} variable${spec.env.length === 1 ? "" : "s"}`}
            </Setting>
          </dl>
        </CardContent>
      </Card>
    </div>
  );
}
