"use client";

import { useState } from "react";
import { scaleEndpointAction } from "@/lib/endpoints/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toaster";
import { useAction } from "@/lib/hooks/use-action";
import { useRefetchEndpoint } from "./use-refetch-endpoint";

type Bounds = { min: number; max: number };
type Errors = { form?: string; min?: string; max?: string };

/** The two boxes, in order: the field, its label, its error's prefix and the lowest value it takes. */
const BOUNDS = [
  { key: "min", label: "Min workers", short: "Min", lowest: 0 },
  { key: "max", label: "Max workers", short: "Max", lowest: 1 },
] as const;

const NOT_SCALED =
  "Scaling did not go through: the server refused it (operators and admins may scale) or could not be reached. " +
  "Reload the page and try again.";

/** Min/max workers with Apply, and Scale to zero; operators and admins only (the action checks again). */
export function QuickScale({ endpointId, current }: { endpointId: string; current: Bounds }) {
  const refetchEndpoint = useRefetchEndpoint(endpointId);
  const [draft, setDraft] = useState({ min: String(current.min), max: String(current.max), basis: current });
  const [errors, setErrors] = useState<Errors>({});
  // When the endpoint's bounds change elsewhere, the inputs follow (unless they were already edited).
  if (draft.basis.min !== current.min || draft.basis.max !== current.max) {
    const untouched = draft.min === String(draft.basis.min) && draft.max === String(draft.basis.max);
    setDraft(
      untouched ? { min: String(current.min), max: String(current.max), basis: current } : { ...draft, basis: current },
    );
  }

  const scale = useAction(
    ({ bounds }: { bounds: Bounds; successMessage: string }) => scaleEndpointAction({ id: endpointId, ...bounds }),
    {
      unreachableMessage: NOT_SCALED,
      onSuccess: async (_, { bounds, successMessage }) => {
        toast.success(successMessage);
        setDraft({ min: String(bounds.min), max: String(bounds.max), basis: bounds });
        await refetchEndpoint();
      },
      onError: ({ fields, message }) =>
        setErrors(fields?.min || fields?.max ? { min: fields.min, max: fields.max } : { form: message }),
    },
  );
  const pending = scale.pending;
  const apply = (bounds: Bounds, successMessage: string) => {
    setErrors({});
    void scale.run({ bounds, successMessage });
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const min = Number(draft.min);
    const max = Number(draft.max);
    const problems: Errors = {};
    if (draft.min.trim() === "" || !Number.isInteger(min) || min < 0) problems.min = "Use a whole number, 0 or more.";
    if (draft.max.trim() === "" || !Number.isInteger(max) || max < 1) problems.max = "Use a whole number, 1 or more.";
    if (!problems.min && !problems.max && min > max) problems.min = "Minimum cannot exceed maximum.";
    if (problems.min || problems.max) return setErrors(problems);
    apply({ min, max }, `Scaled to ${min}–${max} workers.`);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Quick scale" className="grid gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid basis-full gap-0.5 sm:mr-4 sm:basis-auto sm:self-center">
          <p className="text-sm font-medium">Quick scale</p>
          <p className="text-xs text-muted-foreground">Worker bounds; everything else in Settings.</p>
        </div>
        {BOUNDS.map(({ key, label, lowest }) => (
          <div key={key} className="grid gap-1">
            <Label htmlFor={`scale-${key}`} className="text-xs">
              {label}
            </Label>
            <Input
              type="number"
              inputMode="numeric"
              min={lowest}
              className="h-8 w-20"
              value={draft[key]}
              onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
              {...fieldA11y(`scale-${key}`, errors[key])}
            />
          </div>
        ))}
        <Button type="submit" size="sm" loading={pending}>
          Apply
        </Button>
        <Button
          type="button"
          size="sm"
          variant="outline"
          disabled={pending || current.min === 0}
          onClick={() =>
            apply({ min: 0, max: current.max }, "Scaled to zero: idle workers stop, new jobs start them again.")
          }
        >
          Scale to zero
        </Button>
      </div>
      {BOUNDS.map(({ key, short }) =>
        errors[key] ? (
          <p key={key} id={`scale-${key}-error`} role="alert" className="text-xs font-medium text-destructive">
            {short}: {errors[key]}
          </p>
        ) : null,
      )}
      <FormAlert message={errors.form ?? null} />
    </form>
  );
}
