"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { scaleEndpointAction } from "@/lib/endpoints/actions";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toaster";
import { endpointQueryKey, ENDPOINTS_QUERY_KEY } from "@/lib/hooks/use-endpoints";

type Bounds = { min: number; max: number };

/** Min/max workers with Apply, and Scale to zero; operators and admins only (the action checks again). */
export function QuickScale({ endpointId, current }: { endpointId: string; current: Bounds }) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [draft, setDraft] = useState({ min: String(current.min), max: String(current.max), basis: current });
  const [errors, setErrors] = useState<{ form?: string; min?: string; max?: string }>({});
  // When the endpoint's bounds change elsewhere, the inputs follow (unless they were already edited).
  if (draft.basis.min !== current.min || draft.basis.max !== current.max) {
    const untouched = draft.min === String(draft.basis.min) && draft.max === String(draft.basis.max);
    setDraft(
      untouched ? { min: String(current.min), max: String(current.max), basis: current } : { ...draft, basis: current },
    );
  }

  const apply = (bounds: Bounds, successMessage: string) => {
    setErrors({});
    startTransition(async () => {
      try {
        const result = await scaleEndpointAction({ id: endpointId, ...bounds });
        if (!result.ok) {
          const { fields, message } = result.error;
          setErrors(fields?.min || fields?.max ? { min: fields.min, max: fields.max } : { form: message });
          return;
        }
        toast.success(successMessage);
        setDraft({ min: String(bounds.min), max: String(bounds.max), basis: bounds });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: endpointQueryKey(endpointId) }),
          queryClient.invalidateQueries({ queryKey: ENDPOINTS_QUERY_KEY, exact: true }),
        ]);
      } catch {
        setErrors({
          form: "Scaling did not go through: the server refused it (operators and admins may scale) or could not be reached. Reload the page and try again.",
        });
      }
    });
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const min = Number(draft.min);
    const max = Number(draft.max);
    const problems: typeof errors = {};
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
        <div className="grid gap-1">
          <Label htmlFor="scale-min" className="text-xs">
            Min workers
          </Label>
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            className="h-8 w-20"
            value={draft.min}
            onChange={(event) => setDraft({ ...draft, min: event.target.value })}
            {...fieldA11y("scale-min", errors.min)}
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="scale-max" className="text-xs">
            Max workers
          </Label>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            className="h-8 w-20"
            value={draft.max}
            onChange={(event) => setDraft({ ...draft, max: event.target.value })}
            {...fieldA11y("scale-max", errors.max)}
          />
        </div>
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
      {errors.min ? (
        <p id="scale-min-error" role="alert" className="text-xs font-medium text-destructive">
          Min: {errors.min}
        </p>
      ) : null}
      {errors.max ? (
        <p id="scale-max-error" role="alert" className="text-xs font-medium text-destructive">
          Max: {errors.max}
        </p>
      ) : null}
      <FormAlert message={errors.form ?? null} />
    </form>
  );
}
