/**
 * The workflow form's unsaved values, kept for the tab's session (sessionStorage) so the workflow's API tab shows
 * the run as the form would send it now, not only the saved defaults. Browser-only, and best effort: without
 * storage (private windows, quotas) the API tab falls back to the defaults.
 */
import { useSyncExternalStore } from "react";
import type { FormValues } from "@/lib/comfyui/fields";

/** What the form holds that a script's run would send. */
export interface FormDraft {
  version: number;
  values: FormValues;
  /** The endpoint chosen in the form, when one is. */
  endpointId?: string;
}

const keyOf = (workflowId: string) => `workflow-form-draft:${workflowId}`;

function isDraft(value: unknown): value is FormDraft {
  if (!value || typeof value !== "object") return false;
  const draft = value as Record<string, unknown>;
  return (
    Number.isInteger(draft.version) &&
    !!draft.values &&
    typeof draft.values === "object" &&
    Object.values(draft.values).every((entry) => typeof entry === "string" || typeof entry === "number") &&
    (draft.endpointId === undefined || typeof draft.endpointId === "string")
  );
}

/** Keeps the form's values, or forgets them when they are the defaults (`draft` null). */
export function saveFormDraft(workflowId: string, draft: FormDraft | null): void {
  try {
    if (draft) window.sessionStorage.setItem(keyOf(workflowId), JSON.stringify(draft));
    else window.sessionStorage.removeItem(keyOf(workflowId));
  } catch {
    // No storage: the API tab shows the defaults.
  }
}

/** The draft kept for a workflow, or null (none, unreadable, or not a draft). */
export function parseFormDraft(text: string | null): FormDraft | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isDraft(value) ? value : null;
  } catch {
    return null;
  }
}

function readDraftText(workflowId: string): string | null {
  try {
    return window.sessionStorage.getItem(keyOf(workflowId));
  } catch {
    return null;
  }
}

const noSubscription = () => () => {};

/** The kept draft's text in the browser (null while rendering on the server): parse it with `parseFormDraft`. */
export function useFormDraftText(workflowId: string): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => readDraftText(workflowId),
    () => null,
  );
}

/** Whether the values differ from the defaults (so there is something unsaved to show). */
export function differsFromDefaults(values: FormValues, defaults: FormValues): boolean {
  return Object.keys({ ...values, ...defaults }).some((path) => values[path] !== defaults[path]);
}
