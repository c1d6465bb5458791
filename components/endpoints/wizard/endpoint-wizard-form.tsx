"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { ArrowLeft, ArrowRight, Rocket, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { useForm, useWatch, type FieldErrors, type FieldPath } from "react-hook-form";
import { createEndpointAction } from "@/lib/endpoints/actions";
import { setServerFieldErrors } from "@/components/endpoints/fields/field-kit";
import { HardwareFields } from "@/components/endpoints/fields/hardware-fields";
import { ImageFields } from "@/components/endpoints/fields/image-fields";
import { ScalingFields } from "@/components/endpoints/fields/scaling-fields";
import { StorageFields } from "@/components/endpoints/fields/storage-fields";
import { FormAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import {
  WIZARD_STEPS,
  endpointFormSchema,
  stepOfField,
  type EndpointForm,
  type TemplateId,
  type WizardStepId,
} from "@/lib/endpoints/form";
import type { EndpointOptions } from "@/lib/endpoints/service";
import { ENDPOINT_TEMPLATES, draftFromTemplate } from "@/lib/endpoints/templates";
import { useAction } from "@/lib/hooks/use-action";
import { useWizardDraft } from "@/lib/hooks/use-wizard-draft";
import { ReviewStep } from "./review-step";
import { StartStep } from "./start-step";
import { WizardStepper } from "./wizard-stepper";

const indexOf = (step: WizardStepId) => WIZARD_STEPS.findIndex((candidate) => candidate.id === step);

/** The earliest step holding one of these fields (errors are shown where the user meets them first). */
function earliestStep(fields: string[]): WizardStepId {
  return fields.map(stepOfField).sort((a, b) => indexOf(a) - indexOf(b))[0] ?? "review";
}

/** Top-level names of the fields with an error (`env` for `env.1.key`). */
function fieldsWithErrors(errors: FieldErrors<EndpointForm>): string[] {
  return Object.keys(errors).filter((field) => errors[field as keyof EndpointForm]);
}

/** The create-endpoint wizard: one step at a time, a draft kept in the browser, errors shown at their step. */
export function EndpointWizardForm({ options }: { options: EndpointOptions }) {
  const router = useRouter();
  const { limits, products } = options;
  const schema = useMemo(() => endpointFormSchema(limits), [limits]);
  const newDraft = (template: TemplateId, name?: string) =>
    draftFromTemplate(template, { limits, productIds: products.filter((product) => product.available), name });
  const draft = useWizardDraft(() => newDraft("comfyui"));
  const form = useForm<EndpointForm>({
    resolver: zodResolver(schema),
    defaultValues: draft.initial.values,
    mode: "onTouched",
  });
  const [step, setStep] = useState<WizardStepId>(draft.initial.step);
  const [reached, setReached] = useState<WizardStepId>(draft.initial.reached);
  const [alert, setAlert] = useState<{ step: WizardStepId; message: string } | null>(null);
  const deployed = useRef(false);
  const stepContent = useRef<HTMLDivElement>(null);

  const { save } = draft;
  useEffect(() => {
    const persist = () => {
      if (!deployed.current) save({ values: form.getValues(), step, reached });
    };
    persist();
    return form.subscribe({ formState: { values: true }, callback: persist });
  }, [form, save, step, reached]);

  const goTo = (target: WizardStepId) => {
    setStep(target);
    if (indexOf(target) > indexOf(reached)) setReached(target);
    setAlert((current) => (current?.step === target ? current : null));
    requestAnimationFrame(() => {
      const content = stepContent.current;
      content?.focus({ preventScroll: true });
      // Only when the user had scrolled past the step's top (a long step on a phone): otherwise the page stays put.
      if (content && content.getBoundingClientRect().top < 0) content.scrollIntoView({ block: "start" });
    });
  };

  const next = async () => {
    const fields = WIZARD_STEPS[indexOf(step)]?.fields ?? [];
    const valid = await form.trigger([...fields] as FieldPath<EndpointForm>[], { shouldFocus: true });
    const following = WIZARD_STEPS[indexOf(step) + 1];
    if (valid && following) goTo(following.id);
  };

  const chooseTemplate = (template: TemplateId) => {
    const { name, appName } = form.getValues();
    form.reset({ ...newDraft(template, name.trim() ? name : undefined), appName });
  };

  const discardDraft = () => {
    draft.clear();
    form.reset(newDraft("comfyui"));
    setAlert(null);
    setReached("start");
    goTo("start");
    toast.success("Draft discarded.");
  };

  const deploy = useAction((values: EndpointForm) => createEndpointAction(values), {
    onSuccess: ({ id }, values) => {
      deployed.current = true;
      draft.clear();
      toast.success(`Endpoint ${values.name} is being created.`);
      router.push(`/endpoints/${id}`);
    },
    onError: (error, values) => {
      const known = setServerFieldErrors(form, error.fields, values, false);
      const target = known.length ? earliestStep(known) : "review";
      goTo(target);
      setAlert({ step: target, message: error.message });
    },
  });
  const deploying = deploy.pending;
  const deployValid = (values: EndpointForm) => {
    setAlert(null);
    void deploy.run(values);
  };

  const deployInvalid = (errors: FieldErrors<EndpointForm>) => {
    const target = earliestStep(fieldsWithErrors(errors));
    goTo(target);
    setAlert({ step: target, message: "Fix the highlighted fields before deploying." });
  };

  const stepsWithErrors = new Set(fieldsWithErrors(form.formState.errors).map(stepOfField));
  const template = useWatch({ control: form.control, name: "template" });
  const isReview = step === "review";
  const title = WIZARD_STEPS[indexOf(step)]?.title ?? "";

  return (
    <form
      noValidate
      className="grid gap-6"
      aria-label="Create endpoint"
      onSubmit={(event) => {
        if (isReview) return void form.handleSubmit(deployValid, deployInvalid)(event);
        event.preventDefault();
        void next();
      }}
    >
      <WizardStepper current={step} reached={reached} stepsWithErrors={stepsWithErrors} onJump={goTo} />
      <div
        ref={stepContent}
        tabIndex={-1}
        aria-label={`${title} step`}
        className="grid scroll-mt-24 gap-6 rounded-xl border bg-card p-4 outline-none sm:p-6"
      >
        {alert?.step === step ? <FormAlert message={alert.message} /> : null}
        {step === "start" ? <StartStep form={form} onChooseTemplate={chooseTemplate} /> : null}
        {step === "hardware" ? <HardwareFields form={form} options={options} /> : null}
        {step === "scaling" ? <ScalingFields form={form} options={options} /> : null}
        {step === "image" ? <ImageFields form={form} options={options} /> : null}
        {step === "storage" ? (
          <StorageFields
            form={form}
            options={options}
            suggestObjectStorage={ENDPOINT_TEMPLATES.find((t) => t.id === template)?.suggestsObjectStorage ?? false}
          />
        ) : null}
        {isReview ? (
          <>
            <h2 className="text-base font-semibold">Review</h2>
            <ReviewStep values={form.getValues()} options={options} onEdit={goTo} />
          </>
        ) : null}
      </div>
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
        <Button type="button" variant="ghost" onClick={discardDraft} className="text-muted-foreground">
          <Trash2 aria-hidden />
          Discard draft
        </Button>
        <div className="flex gap-2">
          <Button
            type="button"
            variant="outline"
            className="flex-1 sm:flex-none"
            disabled={step === "start"}
            onClick={() => goTo(WIZARD_STEPS[indexOf(step) - 1]?.id ?? "start")}
          >
            <ArrowLeft aria-hidden />
            Back
          </Button>
          {isReview ? (
            <Button type="submit" className="flex-1 sm:flex-none" loading={deploying}>
              {deploying ? null : <Rocket aria-hidden />}
              Deploy
            </Button>
          ) : (
            <Button type="submit" className="flex-1 sm:flex-none">
              Next
              <ArrowRight aria-hidden />
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
