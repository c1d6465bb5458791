import * as React from "react";

import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils/cn";

type FormFieldProps = {
  label: string;
  /** The id of the control; the label points at it and the error message gets `${htmlFor}-error`. */
  htmlFor: string;
  error?: string;
  hint?: string;
  className?: string;
  children: React.ReactNode;
};

/**
 * Label + control + hint/error, stacked.
 *
 * The control is passed as `children` and is not modified, so callers must wire the
 * accessibility attributes themselves: set `id={htmlFor}`, `aria-invalid` when there is an
 * error, and `aria-describedby={`${htmlFor}-error`}` so screen readers announce the message.
 * `fieldA11y(htmlFor, error)` returns exactly those props:
 *
 *   <FormField label="Name" htmlFor="name" error={errors.name}>
 *     <Input {...fieldA11y("name", errors.name)} {...register("name")} />
 *   </FormField>
 */
function FormField({ label, htmlFor, error, hint, className, children }: FormFieldProps) {
  return (
    <div data-slot="form-field" data-invalid={error ? true : undefined} className={cn("grid gap-2", className)}>
      <Label htmlFor={htmlFor} className={cn(error && "text-destructive")}>
        {label}
      </Label>
      {children}
      {hint ? (
        <p data-slot="form-field-hint" id={`${htmlFor}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p
          data-slot="form-field-error"
          id={`${htmlFor}-error`}
          role="alert"
          className="text-sm font-medium text-destructive"
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Props to spread on the control inside a `FormField` (id, aria-invalid, aria-describedby). */
function fieldA11y(
  id: string,
  error?: string,
): { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined } {
  return {
    id,
    "aria-invalid": !!error || undefined,
    "aria-describedby": error ? `${id}-error` : undefined,
  };
}

export { FormField, fieldA11y };
export type { FormFieldProps };
