"use client";

import { EnvEditor, type EnvRevealContext } from "@/components/endpoints/env-editor";
import { EndpointTextField, FieldSection, type EndpointFieldsProps } from "./field-kit";
import { OptionalSelectField } from "./optional-select";

const SUGGESTED_MOUNT_PATH = "/workspace/models";

/** Cloud (network) storage and its mount path, then the environment variables. */
export function StorageFields({
  form,
  options,
  suggestObjectStorage = false,
  reveal,
}: EndpointFieldsProps & { suggestObjectStorage?: boolean; reveal?: EnvRevealContext }) {
  const storageId = form.watch("networkStorageId");

  return (
    <FieldSection
      title="Storage & environment"
      description="Network storage shared by every worker (models, caches), and the variables the image reads."
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <OptionalSelectField
          form={form}
          name="networkStorageId"
          label="Cloud storage"
          hint={options.storages.length ? "Mounted in every worker." : "This account has no network storage."}
          noneLabel="None"
          choices={options.storages.map(({ id, name, sizeGb }) => ({
            value: id,
            label: sizeGb ? `${name} (${sizeGb} GB)` : name,
          }))}
          onPicked={(picked) => {
            if (picked && !form.getValues("mountPath"))
              form.setValue("mountPath", SUGGESTED_MOUNT_PATH, { shouldDirty: true });
            if (!picked) form.clearErrors("mountPath");
          }}
        />
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
