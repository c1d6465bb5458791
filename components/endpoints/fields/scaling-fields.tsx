"use client";

import { Info, TriangleAlert } from "lucide-react";
import { costPerHour } from "@/lib/endpoints/cost";
import { describeScaling, minWorkersWarning } from "@/lib/endpoints/describe";
import { formatUsd } from "@/lib/format/money";
import { cn } from "@/lib/utils/cn";
import { ChoiceCard } from "./choice-card";
import { FieldSection, NumberField, rangeHint, type EndpointFieldsProps, type NumberFieldProps } from "./field-kit";

/** Workers, timeouts and the elastic policy, with the plain sentence of what they mean together. */
export function ScalingFields({ form, options }: EndpointFieldsProps) {
  const { limits } = options;
  const { workers, idleTimeoutSeconds, maxConcurrent, requestTimeoutSeconds } = limits;
  const boxes: NumberFieldProps[] = [
    { name: "minWorkers", label: "Min workers", bounds: workers },
    {
      name: "maxWorkers",
      label: "Max workers",
      bounds: workers,
      hint: rangeHint({ ...workers, min: Math.max(1, workers.min) }),
    },
    {
      name: "idleTimeoutSeconds",
      label: "Idle timeout (seconds)",
      bounds: idleTimeoutSeconds,
      hint: `${rangeHint(idleTimeoutSeconds, "s")} An idle worker is released after this.`,
    },
    { name: "maxConcurrent", label: "Max concurrent jobs per worker", bounds: maxConcurrent },
    {
      name: "requestTimeoutSeconds",
      label: "Request timeout (seconds)",
      bounds: requestTimeoutSeconds,
      hint: `${rangeHint(requestTimeoutSeconds, "s")} A longer job ends as timed out.`,
    },
  ];
  const values = form.watch();
  const policyBounds = values.policyType === "queue" ? limits.queueWaitSeconds : limits.queuedRequests;
  const price = options.products.find((product) => product.id === values.productId)?.pricePerHourUsd;
  const scaling = {
    minWorkers: values.minWorkers,
    maxWorkers: values.maxWorkers,
    idleTimeoutSeconds: values.idleTimeoutSeconds,
    maxConcurrent: values.maxConcurrent,
    policyType: values.policyType,
    policyValue: values.policyValue,
  };
  const complete = Object.values(scaling).every((value) => typeof value === "string" || Number.isInteger(value));
  const warning =
    Number.isInteger(values.minWorkers) && values.minWorkers >= 0
      ? minWorkersWarning(
          values.minWorkers,
          price !== undefined && Number.isInteger(values.gpusPerWorker)
            ? formatUsd(costPerHour(price, values.gpusPerWorker, values.minWorkers))
            : "an unknown amount (Novita lists no price for this GPU)",
        )
      : undefined;

  return (
    <FieldSection
      title="Scaling"
      description="How many workers run, how long they wait idle and when another one is added."
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {boxes.map((box) => (
          <NumberField key={box.name} form={form} {...box} />
        ))}
      </div>
      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-medium">Elastic policy: add a worker when…</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          <ChoiceCard
            value="queue"
            title="Queue wait"
            detail="a request has waited this many seconds"
            {...form.register("policyType")}
          />
          <ChoiceCard
            value="concurrency"
            title="Queued requests"
            detail="more than this many requests are waiting"
            {...form.register("policyType")}
          />
        </div>
        <NumberField
          form={form}
          name="policyValue"
          label={values.policyType === "queue" ? "Queue wait (seconds)" : "Queued requests"}
          hint={rangeHint(policyBounds, values.policyType === "queue" ? "s" : "")}
          bounds={policyBounds}
        />
      </fieldset>
      <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm" data-testid="scaling-sentence" aria-live="polite">
        {complete ? describeScaling(scaling) : "Fill in every number to see how this endpoint scales."}
      </p>
      {warning ? (
        <div
          role="note"
          className={cn(
            "flex items-start gap-2 rounded-md border px-3 py-2 text-sm",
            warning.tone === "warning"
              ? "border-warning/50 bg-warning/10"
              : "border-border bg-muted/40 text-muted-foreground",
          )}
        >
          {warning.tone === "warning" ? (
            <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
          ) : (
            <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
          )}
          <span>{warning.text}</span>
        </div>
      ) : null}
    </FieldSection>
  );
}
