"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { updateEndpointAction } from "@/lib/endpoints/actions";
import { useRefetchEndpoint } from "@/components/endpoints/details/use-refetch-endpoint";
import { setServerFieldErrors } from "@/components/endpoints/fields/field-kit";
import { HardwareFields } from "@/components/endpoints/fields/hardware-fields";
import { ImageFields } from "@/components/endpoints/fields/image-fields";
import { WithEndpointOptions } from "@/components/endpoints/fields/options-state";
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
import { useAction } from "@/lib/hooks/use-action";
import type { EndpointSpec } from "@/lib/novita/types";

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
  // Reset starts a new draft: a fresh form from the saved settings. (react-hook-form's reset after removing env rows
  // left the remaining rows' boxes showing the old values, and with them the wrong lock.)
  const [draft, setDraft] = useState(0);
  return (
    <WithEndpointOptions>
      {(options) => (
        <SettingsForm
          key={draft}
          endpointId={endpointId}
          spec={spec}
          canEdit={canEdit}
          canReveal={canReveal}
          options={options}
          onReset={() => setDraft((current) => current + 1)}
        />
      )}
    </WithEndpointOptions>
  );
}

function SettingsForm({
  endpointId,
  spec,
  canEdit,
  canReveal,
  options,
  onReset,
}: SettingsPermissions & { endpointId: string; spec: EndpointSpec; options: EndpointOptions; onReset: () => void }) {
  const router = useRouter();
  const refetchEndpoint = useRefetchEndpoint(endpointId);
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

  const update = useAction((values: EndpointForm) => updateEndpointAction({ id: endpointId, form: values }), {
    onSuccess: async (_, values) => {
      setReview(null);
      toast.success("Settings saved. Novita applies them to new workers.");
      form.reset(values);
      await refetchEndpoint();
      router.refresh();
    },
    onError: (error, values) => {
      setReview(null);
      setServerFieldErrors(form, error.fields, values, true);
      setFormError(error.message);
    },
  });
  const saving = update.pending;
  const save = () => {
    if (review) void update.run(review.values);
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
          <Button type="button" variant="outline" disabled={!form.formState.isDirty || saving} onClick={onReset}>
            Reset
          </Button>
        </div>
      ) : null}
      <SettingsDiffDialog changes={review?.changes} saving={saving} onSave={save} onClose={() => setReview(null)} />
    </form>
  );
}
