import { comfyuiGuideWorkflow } from "@/lib/jobs/templates";
import type { ApiWorkflow } from "./workflow";

/** The first real job users send: the guide's workflow, as the job editor offers it; tests derive variants from it. */
export function seedWorkflow(): ApiWorkflow {
  return comfyuiGuideWorkflow();
}
