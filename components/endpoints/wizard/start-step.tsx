"use client";

import { Shuffle } from "lucide-react";
import type { UseFormReturn } from "react-hook-form";
import { ChoiceCard } from "@/components/endpoints/fields/choice-card";
import { FieldSection, errorOf, fieldId } from "@/components/endpoints/fields/field-kit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField, fieldA11y } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import type { EndpointForm, TemplateId } from "@/lib/endpoints/form";
import { ENDPOINT_TEMPLATES, randomEndpointName } from "@/lib/endpoints/templates";

/** Step 1: the template to start from, the endpoint's name and its app name. */
export function StartStep({
  form,
  onChooseTemplate,
}: {
  form: UseFormReturn<EndpointForm>;
  onChooseTemplate: (template: TemplateId) => void;
}) {
  const template = form.watch("template");
  const nameError = errorOf(form, "name");
  const appNameError = errorOf(form, "appName");
  return (
    <div className="grid gap-8">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-base font-semibold">Start from</legend>
        <div className="grid gap-3 md:grid-cols-3">
          {ENDPOINT_TEMPLATES.map((candidate) => (
            <ChoiceCard
              key={candidate.id}
              name="template"
              value={candidate.id}
              checked={template === candidate.id}
              onChange={() => onChooseTemplate(candidate.id)}
              title={candidate.title}
              detail={candidate.description}
            >
              {candidate.image ? (
                <code className="mt-1 truncate font-mono text-xs text-muted-foreground">{candidate.image}</code>
              ) : null}
            </ChoiceCard>
          ))}
        </div>
      </fieldset>
      <FieldSection title="Identity">
        <FormField
          label="Endpoint name"
          htmlFor={fieldId("name")}
          hint="How the endpoint is listed here and at Novita."
          error={nameError}
        >
          <div className="flex gap-2">
            <Input
              autoComplete="off"
              spellCheck={false}
              {...fieldA11y(fieldId("name"), nameError)}
              {...form.register("name")}
            />
            <Button
              type="button"
              variant="outline"
              onClick={() => form.setValue("name", randomEndpointName(), { shouldDirty: true, shouldValidate: true })}
            >
              <Shuffle aria-hidden />
              New name
            </Button>
          </div>
        </FormField>
        <FormField
          label="App name (optional)"
          htmlFor={fieldId("appName")}
          hint="Part of the job URL: <endpoint id>-<app name>. Lower-case letters, digits and hyphens; leave empty to use the bare endpoint id."
          error={appNameError}
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. comfy"
            {...fieldA11y(fieldId("appName"), appNameError)}
            {...form.register("appName")}
          />
        </FormField>
        <div className="flex items-center gap-2 text-sm">
          <span className="font-medium">Type</span>
          <Badge variant="secondary">Async</Badge>
          <span className="text-muted-foreground">
            Jobs are queued and their results fetched later; the console is built for this type.
          </span>
        </div>
      </FieldSection>
    </div>
  );
}
