"use client";

import { useCallback, useState } from "react";
import { WIZARD_STEPS, type EndpointForm, type WizardStepId } from "@/lib/endpoints/form";

export const WIZARD_DRAFT_STORAGE_KEY = "novita-console:endpoint-draft";

export interface WizardDraft {
  values: EndpointForm;
  step: WizardStepId;
  /** The furthest step reached: steps up to it can be jumped to from the stepper. */
  reached: WizardStepId;
}

const STEP_IDS = WIZARD_STEPS.map((step) => step.id) as readonly string[];
const isStepId = (value: unknown): value is WizardStepId => typeof value === "string" && STEP_IDS.includes(value);

/**
 * A stored draft, trusted field by field: a value of the wrong type (an older version of the form, a hand-edited
 * entry) falls back to the template's value. An emptied number box was stored as null (JSON has no NaN) and comes
 * back empty, so the form says which number is missing.
 */
export function restoreWizardDraft(raw: string | null, fallback: EndpointForm): WizardDraft | null {
  let stored: unknown;
  try {
    stored = raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
  if (typeof stored !== "object" || stored === null) return null;
  const { values, step, reached } = stored as Record<string, unknown>;
  if (typeof values !== "object" || values === null) return null;
  const restored: Record<string, unknown> = { ...fallback };
  for (const [field, standard] of Object.entries(fallback)) {
    const value = (values as Record<string, unknown>)[field];
    if (typeof standard === "number" && (typeof value === "number" || value === null))
      restored[field] = value ?? Number.NaN;
    else if (typeof standard === "string" && typeof value === "string") restored[field] = value;
    else if (Array.isArray(standard) && Array.isArray(value)) {
      restored[field] = value
        .filter((row): row is { key: unknown; value: unknown } => typeof row === "object" && row !== null)
        .map((row) => ({ key: String(row.key ?? ""), value: String(row.value ?? "") }));
    }
  }
  const stepId = isStepId(step) ? step : "start";
  return { values: restored as unknown as EndpointForm, step: stepId, reached: isStepId(reached) ? reached : stepId };
}

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.localStorage;
  } catch {
    return undefined; // Storage can be switched off; the wizard then simply forgets on reload.
  }
}

/**
 * The create wizard's draft in localStorage: read once when the wizard mounts (`restored` says whether one was
 * found; otherwise `initial` starts from `fallback`), written on every change, cleared after a deploy.
 */
export function useWizardDraft(fallback: () => EndpointForm) {
  const [{ initial, restored }] = useState(() => {
    const values = fallback();
    const found = restoreWizardDraft(storage()?.getItem(WIZARD_DRAFT_STORAGE_KEY) ?? null, values);
    return {
      initial: found ?? { values, step: "start" as const, reached: "start" as const },
      restored: found !== null,
    };
  });
  const save = useCallback((draft: WizardDraft) => {
    try {
      storage()?.setItem(WIZARD_DRAFT_STORAGE_KEY, JSON.stringify(draft));
    } catch {
      // Full or blocked storage: the draft is a convenience, never a reason to fail.
    }
  }, []);
  const clear = useCallback(() => storage()?.removeItem(WIZARD_DRAFT_STORAGE_KEY), []);
  return { initial, restored, save, clear };
}
