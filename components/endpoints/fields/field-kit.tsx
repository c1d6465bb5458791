"use client";

import { useId } from "react";
import { get, type FieldPath, type UseFormReturn } from "react-hook-form";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { TextField, type TextFieldProps } from "@/components/ui/text-field";
import type { EndpointForm } from "@/lib/endpoints/form";
import type { EndpointOptions } from "@/lib/endpoints/service";

/** What every field section gets: the form (wizard or settings editor) and the account's options. */
export interface EndpointFieldsProps {
  form: UseFormReturn<EndpointForm>;
  options: EndpointOptions;
}

export const fieldId = (name: string) => `endpoint-${name.replaceAll(".", "-")}`;

export function errorOf(form: UseFormReturn<EndpointForm>, name: string): string | undefined {
  const error: unknown = get(form.formState.errors, name);
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === "string" ? message : undefined;
}

/**
 * Puts the server's field errors on the fields this form has (`env.1.key` under `env`) and returns their names;
 * the rest are left to the form-level message.
 */
export function setServerFieldErrors(
  form: UseFormReturn<EndpointForm>,
  fields: Record<string, string> | undefined,
  values: EndpointForm,
  shouldFocus: boolean,
): string[] {
  const known = Object.entries(fields ?? {}).filter(([field]) => (field.split(".")[0] ?? "") in values);
  for (const [field, message] of known) form.setError(field as FieldPath<EndpointForm>, { message }, { shouldFocus });
  return known.map(([field]) => field);
}

/** A text box for an endpoint setting (a name, an address, a path): its id from the field, no autofill or spelling. */
export function EndpointTextField(props: Omit<TextFieldProps<EndpointForm>, "id" | "autoComplete" | "spellCheck">) {
  return <TextField id={fieldId(props.name)} autoComplete="off" spellCheck={false} {...props} />;
}

type NumberFieldName = {
  [Key in keyof EndpointForm]: EndpointForm[Key] extends number ? Key : never;
}[keyof EndpointForm];

/** One whole-number box: its field, label and bounds; the hint says the range unless given. */
export interface NumberFieldProps {
  name: NumberFieldName;
  label: string;
  hint?: string;
  bounds?: { min: number; max: number };
}

/**
 * A whole-number box. `valueAsNumber` turns an empty box into NaN, which the schema answers with
 * "Enter … as a whole number." instead of letting it through as 0.
 */
export function NumberField({
  form,
  name,
  label,
  bounds,
  hint = bounds ? rangeHint(bounds) : undefined,
}: NumberFieldProps & { form: UseFormReturn<EndpointForm> }) {
  const id = fieldId(name);
  const error = errorOf(form, name);
  return (
    <FormField label={label} htmlFor={id} hint={hint} error={error}>
      <Input
        type="number"
        inputMode="numeric"
        step={1}
        min={bounds?.min}
        max={bounds?.max}
        {...fieldA11y(id, error)}
        {...form.register(name as FieldPath<EndpointForm>, { valueAsNumber: true })}
      />
    </FormField>
  );
}

export function rangeHint(bounds: { min: number; max: number }, unit = ""): string {
  return `From ${bounds.min} to ${bounds.max}${unit ? ` ${unit}` : ""}.`;
}

/** A titled group of fields inside a step or the settings editor. */
export function FieldSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="grid gap-4" aria-labelledby={headingId}>
      <div className="grid gap-1">
        <h2 id={headingId} className="text-base font-semibold">
          {title}
        </h2>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}
