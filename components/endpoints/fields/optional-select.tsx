"use client";

import type * as React from "react";
import { Controller, type UseFormReturn } from "react-hook-form";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { EndpointForm } from "@/lib/endpoints/form";
import { errorOf, fieldId } from "./field-kit";

/** Radix Select cannot hold "", which the form uses for "none of them": this stands in for it. */
const NONE = "none";

type OptionalTextName = {
  [Key in keyof EndpointForm]: EndpointForm[Key] extends string ? Key : never;
}[keyof EndpointForm];

/**
 * A labelled Select on an optional setting (CUDA version, registry credential, network storage): the first choice
 * is `noneLabel`, which leaves the field empty. `onPicked` follows a choice with the field's new value; `children`
 * stand beside the Select.
 */
export function OptionalSelectField({
  form,
  name,
  label,
  hint,
  noneLabel,
  choices,
  onPicked,
  children,
}: {
  form: UseFormReturn<EndpointForm>;
  name: OptionalTextName;
  label: string;
  hint: string;
  noneLabel: string;
  choices: { value: string; label: string }[];
  onPicked?: (value: string) => void;
  children?: React.ReactNode;
}) {
  const error = errorOf(form, name);
  const select = (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <Select
          value={field.value || NONE}
          onValueChange={(value) => {
            const picked = value === NONE ? "" : value;
            field.onChange(picked);
            onPicked?.(picked);
          }}
        >
          <SelectTrigger
            className={children ? "w-full sm:flex-1" : "w-full"}
            onBlur={field.onBlur}
            ref={field.ref}
            {...fieldA11y(fieldId(name), error)}
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={NONE}>{noneLabel}</SelectItem>
            {choices.map(({ value, label }) => (
              <SelectItem key={value} value={value}>
                {label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
    />
  );
  return (
    <FormField label={label} htmlFor={fieldId(name)} hint={hint} error={error}>
      {children ? (
        <div className="flex flex-col gap-2 sm:flex-row">
          {select}
          {children}
        </div>
      ) : (
        select
      )}
    </FormField>
  );
}
