"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { updateEndpointAction } from "@/lib/endpoints/actions";
import { HardwareFields } from "@/components/endpoints/fields/hardware-fields";
import { ImageFields } from "@/components/endpoints/fields/image-fields";
import { EndpointOptionsError, EndpointOptionsSkeleton } from "@/components/endpoints/fields/options-state";
import { ScalingFields } from "@/components/endpoints/fields/scaling-fields";
import { SettingsDiffDialog } from "@/components/endpoints/fields/settings-diff-dialog";
import { StorageFields } from "@/components/endpoints/fields/storage-fields";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Separator } from "@/components/ui/separator";
import { toast } from "@/components/ui/toaster";
import { diffEndpointForms, type FieldChange } from "@/lib/endpoints/diff";
import { endpointFormSchema, specToForm, type EndpointForm } from "@/lib/endpoints/form";
import { keptHiddenValues } from "@/lib/endpoints/secret-guard";
import type { EndpointOptions } from "@/lib/endpoints/service";
import { useEndpointOptions } from "@/lib/hooks/use-endpoint-options";
import type { EndpointSpec } from "@/lib/novita/types";
import { endpointQueryKey, ENDPOINTS_QUERY_KEY } from "@/lib/hooks/use-endpoints";

interface SettingsPermissions {
  canEdit: boolean;
  /** Admins: reveal hidden values, and change image, start command and bucket URL while hidden values are kept. */
  canReveal: boolean;
}

/**
 * An existing endpoint's settings: what Novita's update accepts (GPU type and system disk are fixed after creation).
 * Saving first shows the changes field by field; Update replaces the whole configuration.
 */
export function EndpointSettingsEditor({
  endpointId,
  spec,
  canEdit,
  canReveal = false,
}: {
  endpointId: string;
  spec: EndpointSpec;
  canEdit: boolean;
  canReveal?: boolean;
}) {
  const options = useEndpointOptions();
  if (options.data)
    return (
      <SettingsForm
        endpointId={endpointId}
        spec={spec}
        canEdit={canEdit}
        canReveal={canReveal}
        options={options.data}
      />
    );
  if (options.isError) {
    return (
      <EndpointOptionsError
        message={options.error.message}
        onRetry={() => void options.refetch()}
        retrying={options.isFetching}
      />
    );
  }
  return <EndpointOptionsSkeleton />;
}

function SettingsForm({
  endpointId,
  spec,
  canEdit,
  canReveal,
  options,
}: SettingsPermissions & { endpointId: string; spec: EndpointSpec; options: EndpointOptions }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const saved = useMemo(() => specToForm(spec), [spec]);
  const schema = useMemo(() => endpointFormSchema(options.limits), [options.limits]);
  const form = useForm<EndpointForm>({
    resolver: zodResolver(schema),
    values: saved,
    resetOptions: { keepDirtyValues: true },
    mode: "onTouched",
  });
  const [review, setReview] = useState<{ values: EndpointForm; changes: FieldChange[] } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  // The server's rule (secret-guard.ts), shown before saving: while the form keeps hidden values, an operator cannot
  // change where they go. Dropping or retyping every hidden value lifts it.
  const env = useWatch({ control: form.control, name: "env" });
  const secretsHeld = canEdit && !canReveal && keptHiddenValues(saved.env, env ?? []).length > 0;

  const openReview = form.handleSubmit(
    (values) => {
      setFormError(null);
      setReview({ values, changes: diffEndpointForms(saved, values) });
    },
    () => setFormError("Fix the highlighted fields first."),
  );

  const save = () => {
    if (!review) return;
    startSaving(async () => {
      const result = await updateEndpointAction({ id: endpointId, form: review.values });
      setReview(null);
      if (result.ok) {
        toast.success("Settings saved. Novita applies them to new workers.");
        form.reset(review.values);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: endpointQueryKey(endpointId) }),
          queryClient.invalidateQueries({ queryKey: ENDPOINTS_QUERY_KEY, exact: true }),
        ]);
        router.refresh();
        return;
      }
      const known = Object.entries(result.error.fields ?? {}).filter(
        ([field]) => (field.split(".")[0] ?? "") in review.values,
      );
      for (const [field, message] of known)
        form.setError(field as FieldPath<EndpointForm>, { message }, { shouldFocus: true });
      setFormError(result.error.message);
    });
  };

  return (
    <form noValidate aria-label="Endpoint settings" className="grid gap-6" onSubmit={(event) => void openReview(event)}>
      <FormAlert message={formError} />
      {!canEdit ? (
        <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm text-muted-foreground">
          You can view these settings; an operator or administrator can change them.
        </p>
      ) : null}
      <fieldset disabled={!canEdit || saving} className="grid min-w-0 gap-8">
        <HardwareFields form={form} options={options} fixedAfterCreation />
        <Separator />
        <ScalingFields form={form} options={options} />
        <Separator />
        <ImageFields form={form} options={options} canAddCredential={canEdit} adminOnly={secretsHeld} />
        <Separator />
        <StorageFields form={form} options={options} reveal={{ endpointId, canReveal, bucketUrlLocked: secretsHeld }} />
      </fieldset>
      {canEdit ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" loading={saving}>
            Review changes
          </Button>
          <Button
            type="button"
            variant="outline"
            disabled={!form.formState.isDirty || saving}
            onClick={() => {
              form.reset(saved);
              setFormError(null);
            }}
          >
            Reset
          </Button>
        </div>
      ) : null}
      <SettingsDiffDialog changes={review?.changes} saving={saving} onSave={save} onClose={() => setReview(null)} />
    </form>
  );
}
