"use client";

import { Shuffle } from "lucide-react";
import type { UseFormReturn } from "react-hook-form";
import { ChoiceCard } from "@/components/endpoints/fields/choice-card";
import { EndpointTextField, FieldSection } from "@/components/endpoints/fields/field-kit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { EndpointForm, TemplateId } from "@/lib/endpoints/form";
import { ENDPOINT_TEMPLATES, randomEndpointName } from "@/lib/endpoints/templates";

const APP_NAME_HINT =
  "Part of the job URL: <endpoint id>-<app name>. Lower-case letters, digits and hyphens; " +
  "leave empty to use the bare endpoint id.";

/** Step 1: the template to start from, the endpoint's name and its app name. */
export function StartStep({
  form,
  onChooseTemplate,
}: {
  form: UseFormReturn<EndpointForm>;
  onChooseTemplate: (template: TemplateId) => void;
}) {
  const template = form.watch("template");
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
        <EndpointTextField
          form={form}
          name="name"
          label="Endpoint name"
          hint="How the endpoint is listed here and at Novita."
          addon={
            <Button
              type="button"
              variant="outline"
              onClick={() => form.setValue("name", randomEndpointName(), { shouldDirty: true, shouldValidate: true })}
            >
              <Shuffle aria-hidden />
              New name
            </Button>
          }
        />
        <EndpointTextField
          form={form}
          name="appName"
          label="App name (optional)"
          hint={APP_NAME_HINT}
          placeholder="e.g. comfy"
        />
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
