"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";

/**
 * A react-hook-form bound to a zod schema (checked in the browser first) and to a server action (which checks
 * again). Field errors from the server land on their fields; anything else becomes `formError`.
 */
export function useActionForm<Values extends FieldValues, Result>(options: {
  schema: z.ZodType<Values, Values>;
  defaultValues: DefaultValues<Values>;
  action: (values: Values) => Promise<ActionResult<Result>>;
  onSuccess?: (data: Result) => void;
}) {
  const form = useForm<Values>({ resolver: zodResolver(options.schema), defaultValues: options.defaultValues });
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await options.action(values);
      if (result.ok) {
        options.onSuccess?.(result.data);
        return;
      }
      const { fields, message } = result.error;
      const fieldNames = Object.keys(fields ?? {}).filter((name) => name in values);
      for (const name of fieldNames) form.setError(name as Path<Values>, { message: fields?.[name] });
      if (fieldNames.length === 0) setFormError(message);
    });
  });

  return { form, submit, pending, formError };
}
