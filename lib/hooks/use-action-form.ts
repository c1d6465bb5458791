"use client";

import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";

/** A form's zod schema, loaded when it first validates: `() => import("@/lib/auth/schemas").then((m) => m.profileSchema)`. */
export type SchemaLoader<Values extends FieldValues> = () => Promise<z.ZodType<Values, Values>>;

/**
 * The resolver of `loadSchema`'s schema. zod and the schema download on the first validation (a submit, usually), not
 * with the page: a form page's first load stays free of zod.
 */
export function lazyZodResolver<Values extends FieldValues>(loadSchema: SchemaLoader<Values>): Resolver<Values> {
  let loaded: Promise<Resolver<Values>> | undefined;
  return async (values, context, options) => {
    if (!loaded) {
      loaded = (async () => {
        // zod-resolver first: it sets zod up for the browser (lib/utils/zod-jitless.ts) before the schema is built.
        const { zodResolver } = await import("./zod-resolver");
        return zodResolver(await loadSchema());
      })();
      // A failed download is tried again on the next validation.
      loaded.catch(() => (loaded = undefined));
    }
    return (await loaded)(values, context, options);
  };
}

/**
 * A react-hook-form bound to a zod schema (checked in the browser first) and to a server action (which checks
 * again). Field errors from the server land on their fields; anything else becomes `formError`.
 */
export function useActionForm<Values extends FieldValues, Result>(options: {
  schema: SchemaLoader<Values>;
  defaultValues: DefaultValues<Values>;
  action: (values: Values) => Promise<ActionResult<Result>>;
  onSuccess?: (data: Result) => void;
}) {
  // The first render's loader is kept: every render passes the same schema.
  const [resolver] = useState(() => lazyZodResolver(options.schema));
  const form = useForm<Values>({ resolver, defaultValues: options.defaultValues });
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
