"use client";

import { Pencil } from "lucide-react";
import { Button } from "@/components/ui/button";
import { WIZARD_STEPS, type EndpointForm, type WizardStepId } from "@/lib/endpoints/form";
import type { EndpointOptions } from "@/lib/endpoints/service";
import { formatCost } from "@/lib/format/money";
import { costRange, createRequestPreview, reviewGroups } from "./review-summary";

/** Every choice, grouped by step with a way back to it, the cost, and the request Deploy sends. */
export function ReviewStep({
  values,
  options,
  onEdit,
}: {
  values: EndpointForm;
  options: EndpointOptions;
  onEdit: (step: WizardStepId) => void;
}) {
  const cost = costRange(values, options);
  return (
    <div className="grid gap-6">
      <div className="grid gap-4 md:grid-cols-2">
        {reviewGroups(values, options).map((group) => {
          const title = WIZARD_STEPS.find((step) => step.id === group.step)?.title ?? group.step;
          return (
            <section key={group.step} aria-label={`${title} summary`} className="min-w-0 rounded-lg border bg-card p-4">
              <div className="mb-3 flex items-center justify-between gap-2">
                <h3 className="font-medium">{title}</h3>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() => onEdit(group.step)}
                  aria-label={`Edit ${title}`}
                >
                  <Pencil aria-hidden />
                  Edit
                </Button>
              </div>
              <dl className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-1.5 text-sm">
                {group.rows.map((row) => (
                  <div key={row.label} className="contents">
                    <dt className="[overflow-wrap:anywhere] text-muted-foreground">{row.label}</dt>
                    <dd className="[overflow-wrap:anywhere]">{row.value}</dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
      </div>
      <section aria-label="Estimated cost" className="grid gap-3 rounded-lg border bg-card p-4 sm:grid-cols-2">
        <CostAt bound="min" workers={values.minWorkers} perHour={cost?.atMin} />
        <CostAt bound="max" workers={values.maxWorkers} perHour={cost?.atMax} />
        <p className="text-xs text-muted-foreground sm:col-span-2">
          {cost
            ? "GPU price × GPUs per worker × workers. Workers are billed while they exist, busy or idle."
            : "Novita's GPU list gives no price for this product, so the console cannot estimate the cost. " +
              "Novita bills it all the same."}
        </p>
      </section>
      <section aria-label="API request" className="grid min-w-0 gap-2">
        <h3 className="font-medium">The request Deploy sends</h3>
        <p className="text-sm text-muted-foreground">
          <code className="font-mono text-xs">POST /gpu-instance/openapi/v1/endpoint/create</code> — secret values are
          hidden here, not in the request.
        </p>
        <pre
          data-testid="create-request"
          className="max-h-96 overflow-auto rounded-md border bg-muted/50 p-3 font-mono text-xs leading-relaxed"
        >
          {createRequestPreview(values, options)}
        </pre>
      </section>
    </div>
  );
}

/** The estimated cost per hour at one worker bound ("unknown" without a price). */
function CostAt({ bound, workers, perHour }: { bound: "min" | "max"; workers: number; perHour: number | undefined }) {
  return (
    <div>
      <p className="text-sm text-muted-foreground">
        At {bound} workers ({workers})
      </p>
      <p className="text-xl font-semibold" data-testid={`cost-at-${bound}`}>
        {perHour === undefined ? "unknown" : `${formatCost(perHour)}/h`}
      </p>
    </div>
  );
}
