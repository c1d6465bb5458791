"use client";

import { useMemo, useState } from "react";
import { toast } from "@/components/ui/toaster";
import { saveCurationAction } from "@/lib/workflows/actions";
import {
  applyCuration,
  curateField,
  moveField,
  setGroup,
  staleCurationPaths,
  type Curation,
} from "@/lib/comfyui/curation";
import type { WorkflowField } from "@/lib/comfyui/fields";
import { useAction } from "@/lib/hooks/use-action";
import type { CurationControls } from "./workflow-form";

/**
 * The team's layout of a workflow's form (hidden, renamed, reordered, grouped fields; kept by node path for every
 * version): the fields as curated, and while curating, the controls, Save and Cancel.
 */
export function useFormCuration(workflowId: string, saved: Curation, fields: WorkflowField[]) {
  const [curation, setCuration] = useState<Curation>(saved);
  const [savedCuration, setSavedCuration] = useState<Curation>(saved);
  const [curating, setCurating] = useState(false);
  const curated = useMemo(() => applyCuration(fields, curation), [fields, curation]);
  const stale = useMemo(() => staleCurationPaths(fields, curation), [fields, curation]);
  const { run, pending } = useAction(saveCurationAction, {
    // The closure is the one of the render that saved, so `curation` is what was sent.
    onSuccess: () => {
      setSavedCuration(curation);
      setCurating(false);
      toast.success("Form layout saved. It applies to every version.");
    },
    onError: (error) => toast.error(error.message),
  });

  const controls: CurationControls = {
    onHide: (path, hidden) => setCuration((current) => curateField(current, path, { hidden })),
    onRename: (path, label) => setCuration((current) => curateField(current, path, { label })),
    onMove: (path, direction) =>
      setCuration((current) => moveField(current, applyCuration(fields, current), path, direction)),
    onGroup: (path, group) =>
      setCuration((current) =>
        setGroup(current, path, group, fields.find((field) => field.path === path)?.group ?? "basic"),
      ),
  };

  return {
    curated,
    /** Paths the layout keeps that this version lacks. */
    stale,
    curating,
    /** The controls while curating, else undefined. */
    controls: curating ? controls : undefined,
    pending,
    start: () => setCurating(true),
    cancel: () => {
      setCuration(savedCuration);
      setCurating(false);
    },
    save: () => void run({ workflowId, curation }),
  };
}
