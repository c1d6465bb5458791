"use client";

import { Controller } from "react-hook-form";
import { Badge } from "@/components/ui/badge";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatUsd } from "@/lib/endpoints/cost";
import { ChoiceCard } from "./choice-card";
import { FieldSection, NumberField, errorOf, fieldId, rangeHint, type EndpointFieldsProps } from "./field-kit";

/** Radix Select cannot hold "", which the form uses for "let Novita choose". */
const AUTOMATIC = "automatic";

/**
 * GPU type, GPUs per worker, CUDA and system disk. `fixedAfterCreation` (settings editor) shows the GPU type and
 * the disk read-only: Novita's update cannot change them.
 */
export function HardwareFields({ form, options, fixedAfterCreation = false }: EndpointFieldsProps & { fixedAfterCreation?: boolean }) {
  const { limits, products } = options;
  const productError = errorOf(form, "productId");
  const cudaError = errorOf(form, "cudaVersion");
  const chosen = products.find((product) => product.id === form.watch("productId"));

  return (
    <FieldSection title="Hardware" description="The GPU each worker runs on. Price is per GPU per hour, billed while a worker exists.">
      {fixedAfterCreation ? (
        <FixedValue label="GPU type" value={chosen ? `${chosen.name} · ${formatUsd(chosen.pricePerHourUsd)}/h per GPU` : form.getValues("productId")} />
      ) : (
        <fieldset className="grid gap-2" aria-describedby={productError ? `${fieldId("productId")}-error` : undefined}>
          <legend className="mb-2 text-sm font-medium">GPU type</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {products.map((product) => (
              <ChoiceCard
                key={product.id}
                value={product.id}
                disabled={!product.available}
                title={product.name}
                detail={`${formatUsd(product.pricePerHourUsd)} per GPU-hour${product.available ? "" : " · not available now"}`}
                {...form.register("productId")}
              />
            ))}
          </div>
          {productError ? (
            <p id={`${fieldId("productId")}-error`} role="alert" className="text-sm font-medium text-destructive">
              {productError}
            </p>
          ) : null}
        </fieldset>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <NumberField form={form} name="gpusPerWorker" label="GPUs per worker" hint={rangeHint(limits.gpusPerWorker)} bounds={limits.gpusPerWorker} />
        <FormField label="CUDA version" htmlFor={fieldId("cudaVersion")} hint="Automatic lets Novita pick one that fits the GPU." error={cudaError}>
          <Controller
            control={form.control}
            name="cudaVersion"
            render={({ field }) => (
              <Select value={field.value || AUTOMATIC} onValueChange={(value) => field.onChange(value === AUTOMATIC ? "" : value)}>
                <SelectTrigger className="w-full" onBlur={field.onBlur} ref={field.ref} {...fieldA11y(fieldId("cudaVersion"), cudaError)}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={AUTOMATIC}>Automatic</SelectItem>
                  {limits.cudaVersions.map((version) => (
                    <SelectItem key={version} value={version}>
                      CUDA {version}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
        </FormField>
      </div>
      {fixedAfterCreation ? (
        <FixedValue label="System disk" value={`${form.getValues("rootfsSizeGb")} GB`} />
      ) : (
        <NumberField
          form={form}
          name="rootfsSizeGb"
          label="System disk (GB)"
          hint={`${rangeHint(limits.rootfsSizeGb, "GB")} Holds the image and anything the worker writes outside mounted storage.`}
          bounds={limits.rootfsSizeGb}
        />
      )}
    </FieldSection>
  );
}

function FixedValue({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-1">
      <span className="text-sm font-medium">{label}</span>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>{value}</span>
        <Badge variant="secondary">fixed after creation</Badge>
      </div>
    </div>
  );
}
