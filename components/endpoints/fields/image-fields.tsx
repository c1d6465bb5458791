"use client";

import { Badge } from "@/components/ui/badge";
import { fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RESERVED_PORTS } from "@/lib/endpoints/form";
import { adminOnlyNote } from "@/lib/endpoints/secret-guard";
import { EndpointTextField, FieldSection, NumberField, errorOf, fieldId, type EndpointFieldsProps } from "./field-kit";
import { OptionalSelectField } from "./optional-select";
import { RegistryCredentialDialog } from "./registry-credential-dialog";

const IMAGE_EXAMPLE = "e.g. novitalabs/comfyui-worker:v0.0.1 or ghcr.io/team/worker:1.2";

/**
 * Image address, pull credential, HTTP port, start command and health-check path. `adminOnly` locks the image and
 * the start command, with the reason by each (an operator on an endpoint that holds hidden secret values).
 */
export function ImageFields({
  form,
  options,
  canAddCredential = true,
  adminOnly = false,
}: EndpointFieldsProps & { canAddCredential?: boolean; adminOnly?: boolean }) {
  const healthError = errorOf(form, "healthCheckPath");
  const healthId = fieldId("healthCheckPath");

  return (
    <FieldSection title="Image" description="The container each worker runs. It must serve HTTP on the port below.">
      {/* A disabled fieldset, not a disabled input: react-hook-form keeps the value of a locked field. */}
      <fieldset disabled={adminOnly} className="min-w-0">
        <EndpointTextField
          form={form}
          name="image"
          label="Image address"
          hint={adminOnly ? `${adminOnlyNote("image")}.` : IMAGE_EXAMPLE}
          describedByHint={adminOnly}
        />
      </fieldset>
      <OptionalSelectField
        form={form}
        name="registryAuthId"
        label="Registry credential"
        hint="Only for private images."
        noneLabel="None (public image)"
        choices={options.credentials.map(({ id, name, username }) => ({
          value: id,
          label: username ? `${name} (${username})` : name,
        }))}
      >
        {canAddCredential ? (
          <RegistryCredentialDialog
            onCreated={(credential) =>
              form.setValue("registryAuthId", credential.id, { shouldDirty: true, shouldValidate: true })
            }
          />
        ) : null}
      </OptionalSelectField>
      <div className="grid gap-4 sm:grid-cols-2">
        <NumberField
          form={form}
          name="port"
          label="HTTP port"
          hint={`1–65535, not ${Math.min(...RESERVED_PORTS)}–${Math.max(...RESERVED_PORTS)} (reserved by Novita).`}
        />
        <fieldset disabled={adminOnly} className="min-w-0">
          <EndpointTextField
            form={form}
            name="command"
            label="Start command"
            hint={adminOnly ? `${adminOnlyNote("command")}.` : "Leave empty to use the image's own."}
            describedByHint={adminOnly}
          />
        </fieldset>
      </div>
      <div className="grid gap-2" data-invalid={healthError ? true : undefined}>
        <div className="flex flex-wrap items-center gap-2">
          <Label htmlFor={healthId} className={healthError ? "text-destructive" : undefined}>
            Health-check path
          </Label>
          <Badge variant="warning">not enabled yet by Novita</Badge>
        </div>
        <Input
          placeholder="/health"
          autoComplete="off"
          spellCheck={false}
          {...fieldA11y(healthId, healthError)}
          {...form.register("healthCheckPath")}
        />
        <p className="text-sm text-muted-foreground">
          Sent with the endpoint so it takes effect once Novita turns health checks on.
        </p>
        {healthError ? (
          <p id={`${healthId}-error`} role="alert" className="text-sm font-medium text-destructive">
            {healthError}
          </p>
        ) : null}
      </div>
    </FieldSection>
  );
}
