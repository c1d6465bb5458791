"use client";

import { Controller } from "react-hook-form";
import { Badge } from "@/components/ui/badge";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { RESERVED_PORTS } from "@/lib/endpoints/form";
import { adminOnlyNote } from "@/lib/endpoints/secret-guard";
import { EndpointTextField, FieldSection, NumberField, errorOf, fieldId, type EndpointFieldsProps } from "./field-kit";
import { RegistryCredentialDialog } from "./registry-credential-dialog";

/** Radix Select cannot hold "", which the form uses for "public image, no credential". */
const NO_CREDENTIAL = "none";
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
  const credentialError = errorOf(form, "registryAuthId");
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
      <FormField
        label="Registry credential"
        htmlFor={fieldId("registryAuthId")}
        hint="Only for private images."
        error={credentialError}
      >
        <div className="flex flex-col gap-2 sm:flex-row">
          <Controller
            control={form.control}
            name="registryAuthId"
            render={({ field }) => (
              <Select
                value={field.value || NO_CREDENTIAL}
                onValueChange={(value) => field.onChange(value === NO_CREDENTIAL ? "" : value)}
              >
                <SelectTrigger
                  className="w-full sm:flex-1"
                  onBlur={field.onBlur}
                  ref={field.ref}
                  {...fieldA11y(fieldId("registryAuthId"), credentialError)}
                >
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NO_CREDENTIAL}>None (public image)</SelectItem>
                  {options.credentials.map((credential) => (
                    <SelectItem key={credential.id} value={credential.id}>
                      {credential.name}
                      {credential.username ? ` (${credential.username})` : ""}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
          {canAddCredential ? (
            <RegistryCredentialDialog
              onCreated={(credential) =>
                form.setValue("registryAuthId", credential.id, { shouldDirty: true, shouldValidate: true })
              }
            />
          ) : null}
        </div>
      </FormField>
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
