"use client";

import { AlertCircle, Check } from "lucide-react";
import { WIZARD_STEPS, type WizardStepId } from "@/lib/endpoints/form";
import { cn } from "@/lib/utils/cn";

/** The steps as a row: current, done, with errors; any step up to the furthest reached can be jumped to. */
export function WizardStepper({
  current,
  reached,
  stepsWithErrors,
  onJump,
}: {
  current: WizardStepId;
  reached: WizardStepId;
  stepsWithErrors: ReadonlySet<WizardStepId>;
  onJump: (step: WizardStepId) => void;
}) {
  const currentIndex = WIZARD_STEPS.findIndex((step) => step.id === current);
  const reachedIndex = WIZARD_STEPS.findIndex((step) => step.id === reached);
  return (
    <nav aria-label="Wizard steps" className="grid gap-2">
      <ol className="flex items-center gap-1 sm:gap-2">
        {WIZARD_STEPS.map((step, index) => {
          const isCurrent = index === currentIndex;
          const hasErrors = stepsWithErrors.has(step.id);
          const done = index < reachedIndex && !isCurrent && !hasErrors;
          const state = hasErrors
            ? "has errors"
            : isCurrent
              ? "current"
              : done
                ? "done"
                : index <= reachedIndex
                  ? "visited"
                  : "not reached";
          return (
            <li key={step.id} className="flex min-w-0 flex-1 items-center gap-1 sm:gap-2">
              <button
                type="button"
                onClick={() => onJump(step.id)}
                disabled={index > reachedIndex}
                aria-current={isCurrent ? "step" : undefined}
                aria-label={`Step ${index + 1}: ${step.title} (${state})`}
                className={cn(
                  "flex min-w-0 items-center gap-2 rounded-md p-1 text-left text-sm",
                  "outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
                  "enabled:hover:bg-accent disabled:cursor-not-allowed",
                )}
              >
                <span
                  aria-hidden
                  className={cn(
                    "flex size-7 shrink-0 items-center justify-center rounded-full border text-xs font-semibold",
                    isCurrent && "border-primary bg-primary text-primary-foreground",
                    done && "border-primary text-primary",
                    hasErrors && "border-destructive bg-destructive/10 text-destructive",
                    !isCurrent && !done && !hasErrors && "text-muted-foreground",
                  )}
                >
                  {hasErrors ? <AlertCircle className="size-4" /> : done ? <Check className="size-4" /> : index + 1}
                </span>
                <span
                  aria-hidden
                  className={cn(
                    "hidden truncate lg:inline",
                    isCurrent ? "font-medium" : "text-muted-foreground",
                    hasErrors && "text-destructive",
                  )}
                >
                  {step.title}
                </span>
              </button>
              {index < WIZARD_STEPS.length - 1 ? <span aria-hidden className="h-px min-w-2 flex-1 bg-border" /> : null}
            </li>
          );
        })}
      </ol>
      <p className="text-sm text-muted-foreground lg:hidden">
        Step {currentIndex + 1} of {WIZARD_STEPS.length}:{" "}
        <span className="font-medium text-foreground">{WIZARD_STEPS[currentIndex]?.title}</span>
      </p>
    </nav>
  );
}
