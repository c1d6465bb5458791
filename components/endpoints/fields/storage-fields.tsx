"use client";

import { Controller } from "react-hook-form";
import { EnvEditor, type EnvRevealContext } from "@/components/endpoints/env-editor";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { EndpointTextField, FieldSection, errorOf, fieldId, type EndpointFieldsProps } from "./field-kit";

/** Radix Select cannot hold "", which the form uses for "no cloud storage". */
const NO_STORAGE = "none";
const SUGGESTED_MOUNT_PATH = "/workspace/models";

/** Cloud (network) storage and its mount path, then the environment variables. */
export function StorageFields({
  form,
  options,
  suggestObjectStorage = false,
  reveal,
}: EndpointFieldsProps & { suggestObjectStorage?: boolean; reveal?: EnvRevealContext }) {
  const storageError = errorOf(form, "networkStorageId");
  const storageId = form.watch("networkStorageId");

  return (
    <FieldSection
      title="Storage & environment"
      description="Network storage shared by every worker (models, caches), and the variables the image reads."
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Cloud storage"
          htmlFor={fieldId("networkStorageId")}
          hint={options.storages.length ? "Mounted in every worker." : "This account has no network storage."}
          error={storageError}
        >
          <Controller
            control={form.control}
            name="networkStorageId"
            render={({ field }) => (
              <Select
                value={field.value || NO_STORAGE}
                onValueChange={(value) => {
                  field.onChange(value === NO_STORAGE ? "" : value);
                  if (value !== NO_STORAGE && !form.getValues("mountPath"))
                    form.setValue("mountPath", SUGGESTED_MOUNT_PATH, { shouldDirty: true });
                  if (value === NO_STORAGE) form.clearErrors("mountPath");
                }}
              >
                <SelectTrigger
                  className="w-full"
                  onBlur={field.onBlur}
                  ref={field.ref}
                  {...fieldA11y(fieldId("networkStorageId"), storageError)}
                >
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NO_STORAGE}>None</SelectItem>
                  {options.storages.map((storage) => (
                    <SelectItem key={storage.id} value={storage.id}>
                      {storage.name}
                      {storage.sizeGb ? ` (${storage.sizeGb} GB)` : ""}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
        </FormField>
        {storageId ? (
          <EndpointTextField
            form={form}
            name="mountPath"
            label="Mount path"
            hint="Where the storage appears inside the worker."
          />
        ) : null}
      </div>
      <EnvEditor form={form} suggestObjectStorage={suggestObjectStorage} reveal={reveal} />
    </FieldSection>
  );
}
