"use client";

import { Save, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { createWorkflowAction } from "@/lib/workflows/actions";
import { Button } from "@/components/ui/button";
import { fieldA11y, FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { SectionCard } from "@/components/ui/section-card";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { parseWorkflowText, type ParsedWorkflow } from "@/lib/comfyui/graph";
import { useAction } from "@/lib/hooks/use-action";
import { WorkflowSource } from "./workflow-source";

function nameFromFile(fileName: string | undefined): string {
  return fileName
    ? fileName
        .replace(/\.json$/i, "")
        .replace(/[_-]+/g, " ")
        .trim()
    : "";
}

const FORMAT_HINT = "ComfyUI's API format: in ComfyUI use Workflow → Export (API). A job body with";

/** Import: paste / upload / drop a workflow, check it, name it, save it as version 1. */
export function ImportWorkflow() {
  const router = useRouter();
  const ids = { name: useId(), description: useId() };
  const [parsed, setParsed] = useState<ParsedWorkflow | undefined>();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [source, setSource] = useState({ key: 0, text: "" });
  const { run, pending } = useAction(createWorkflowAction, {
    onSuccess: ({ id }, input) => {
      toast.success(`Saved “${input.name.trim()}” as version 1.`);
      router.push(`/workflows/${id}`);
    },
    onError: (error) => setErrors(error.fields ?? { form: error.message }),
  });

  const ready = parsed?.kind === "api" && parsed.issues.length === 0;
  const blocked = !parsed
    ? "Paste, choose or drop a workflow first."
    : parsed.kind === "ui"
      ? "Export the API format from ComfyUI first (see above)."
      : parsed.kind === "invalid"
        ? "This is not a ComfyUI API-format workflow."
        : parsed.issues.length
          ? "Fix the problems listed above first."
          : null;

  const save = () => {
    if (!ready || parsed?.kind !== "api") return;
    if (!name.trim()) {
      setErrors({ name: "Give the workflow a name." });
      return;
    }
    setErrors({});
    void run({ name, description, graph: parsed.graph });
  };

  // The example (with the job templates it comes from) downloads when asked for, not with the workflows page.
  const loadExample = async () => {
    const { guideWorkflow } = await import("@/lib/comfyui/examples");
    const text = JSON.stringify(guideWorkflow(), null, 2);
    setSource((current) => ({ key: current.key + 1, text }));
    setParsed(parseWorkflowText(text));
    if (!name) setName("Text to image (guide)");
  };

  return (
    <SectionCard
      title="Import a workflow"
      description={
        <>
          {FORMAT_HINT} <code>{'"workflow"'}</code> works too.
        </>
      }
      contentClassName="grid gap-4"
    >
      <form
        className="grid gap-4"
        aria-label="Import a workflow"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div>
          <WorkflowSource
            key={source.key}
            initialText={source.text}
            disabled={pending}
            onParsed={(next, fileName) => {
              setParsed(next);
              if (fileName && !name) setName(nameFromFile(fileName));
            }}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Name" htmlFor={ids.name} error={errors.name}>
            <Input
              {...fieldA11y(ids.name, errors.name)}
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={120}
              disabled={pending}
            />
          </FormField>
          <FormField label="Description (optional)" htmlFor={ids.description} error={errors.description}>
            <Textarea
              {...fieldA11y(ids.description, errors.description)}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              rows={1}
              maxLength={2000}
              disabled={pending}
              className="min-h-9"
            />
          </FormField>
        </div>
        {errors.graph || errors.form ? (
          <p role="alert" className="text-sm whitespace-pre-line text-destructive">
            {errors.graph ?? errors.form}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" loading={pending} disabled={!ready}>
            {pending ? null : <Save aria-hidden />}
            Save workflow
          </Button>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() =>
              void loadExample().catch(() =>
                toast.error("Could not load the example: check the connection and try again."),
              )
            }
            disabled={pending}
          >
            <Sparkles aria-hidden />
            Use the guide&apos;s example
          </Button>
          {blocked && parsed ? <span className="text-sm text-muted-foreground">{blocked}</span> : null}
        </div>
      </form>
    </SectionCard>
  );
}
