"use client";

import { TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { formatCost } from "@/lib/format/money";
import type { GpuProduct } from "@/lib/novita/types";
import { ChoiceCard } from "./choice-card";
import { OptionalSelectField } from "./optional-select";
import { FieldSection, NumberField, errorOf, fieldId, rangeHint, type EndpointFieldsProps } from "./field-kit";

const DISK_NOTE = "Holds the image and anything the worker writes outside mounted storage.";

/**
 * GPU type, GPUs per worker, CUDA and system disk. `fixedAfterCreation` (settings editor) shows the GPU type and
 * the disk read-only: Novita's update cannot change them.
 */
export function HardwareFields({
  form,
  options,
  fixedAfterCreation = false,
}: EndpointFieldsProps & { fixedAfterCreation?: boolean }) {
  const { limits, products } = options;
  const productError = errorOf(form, "productId");
  const productId = form.watch("productId");
  const chosen = products.find((product) => product.id === productId);

  return (
    <FieldSection
      title="Hardware"
      description="The GPU each worker runs on. Price is per GPU per hour, billed while a worker exists."
    >
      {options.catalog.notice ? <CatalogNotice text={options.catalog.notice} /> : null}
      {fixedAfterCreation ? (
        <FixedValue
          label="GPU type"
          value={
            chosen
              ? `${chosen.name} · ${priceText(chosen)}`
              : `${form.getValues("productId")} · price unknown (not in Novita's list)`
          }
        />
      ) : (
        <fieldset className="grid gap-2" aria-describedby={productError ? `${fieldId("productId")}-error` : undefined}>
          <legend className="mb-2 text-sm font-medium">GPU type</legend>
          {products.length > 0 ? (
            <div className="grid gap-3 sm:grid-cols-2">
              {products.map((product) => (
                <ChoiceCard
                  key={product.id}
                  value={product.id}
                  disabled={!product.available}
                  title={product.name}
                  detail={`${priceText(product)}${product.available ? "" : " · not available now"}`}
                  {...form.register("productId")}
                />
              ))}
            </div>
          ) : null}
          <TypedProductId form={form} listed={Boolean(chosen)} open={products.length === 0} />
          {productError ? (
            <p id={`${fieldId("productId")}-error`} role="alert" className="text-sm font-medium text-destructive">
              {productError}
            </p>
          ) : null}
        </fieldset>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <NumberField form={form} name="gpusPerWorker" label="GPUs per worker" bounds={limits.gpusPerWorker} />
        <OptionalSelectField
          form={form}
          name="cudaVersion"
          label="CUDA version"
          hint="Automatic lets Novita pick one that fits the GPU."
          noneLabel="Automatic"
          choices={limits.cudaVersions.map((version) => ({ value: version, label: `CUDA ${version}` }))}
        />
      </div>
      {fixedAfterCreation ? (
        <FixedValue label="System disk" value={`${form.getValues("rootfsSizeGb")} GB`} />
      ) : (
        <NumberField
          form={form}
          name="rootfsSizeGb"
          label="System disk (GB)"
          hint={`${rangeHint(limits.rootfsSizeGb, "GB")} ${DISK_NOTE}`}
          bounds={limits.rootfsSizeGb}
        />
      )}
    </FieldSection>
  );
}

function priceText(product: GpuProduct): string {
  return product.pricePerHourUsd === undefined
    ? "price unknown"
    : `${formatCost(product.pricePerHourUsd)} per GPU-hour`;
}

function CatalogNotice({ text }: { text: string }) {
  return (
    <div
      role="status"
      className="flex items-start gap-2 rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm"
    >
      <TriangleAlert className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden />
      <span>{text}</span>
    </div>
  );
}

/**
 * A product id typed by hand: for a GPU Novita's list lacks (or no list at all). It writes the same `productId`
 * the cards do; a listed id typed here simply selects its card.
 */
function TypedProductId({ form, listed, open }: { form: EndpointFieldsProps["form"]; listed: boolean; open: boolean }) {
  const productId = form.watch("productId");
  const [shown, setShown] = useState(open || (Boolean(productId) && !listed));
  if (!shown) {
    return (
      <button
        type="button"
        className="justify-self-start text-sm text-primary underline-offset-4 hover:underline"
        onClick={() => setShown(true)}
      >
        Enter a product id instead
      </button>
    );
  }
  return (
    <FormField
      label="Product id"
      htmlFor={fieldId("productId-typed")}
      hint={
        listed
          ? "A GPU from the list above."
          : "The serverless product id, as Novita's console or support gives it. " +
            "Its price, and so the cost, is unknown here."
      }
    >
      <Input
        id={fieldId("productId-typed")}
        className="font-mono"
        autoComplete="off"
        spellCheck={false}
        value={productId ?? ""}
        onChange={(event) =>
          form.setValue("productId", event.target.value.trim(), {
            shouldDirty: true,
            shouldValidate: form.formState.isSubmitted,
          })
        }
      />
    </FormField>
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
