/**
 * A workflow's API tab: the body of `POST /api/v1/workflows/{id}/runs` with the form's named inputs
 * (lib/comfyui/field-names.ts) at the form's values, and ready-to-run curl, Python and JavaScript that send it with
 * a console token and poll the jobs (`GET /api/v1/jobs/{id}`) until they finish. Browser-safe.
 */
import type { FormValues } from "@/lib/comfyui/fields";
import type { NamedField } from "@/lib/comfyui/field-names";
import { curlCall, javascriptLiteral, pythonLiteral, TOKEN_VARIABLE, type CodeLanguage } from "@/lib/api/v1/snippets";

/** What the snippets need of a form field. */
export type SnippetField = Pick<NamedField, "name" | "path" | "kind" | "hidden" | "defaultValue" | "label">;

/** The run's body as the API takes it. */
export interface WorkflowRunBody {
  endpointId?: string;
  version?: number;
  inputs: Record<string, string | number>;
  count: number;
}

/** The operation's anchor on the API page (its operationId). */
export const RUN_WORKFLOW_ANCHOR = "runWorkflow";

/** A number field's value as a number (a form holds what was typed, "7"), anything else as it is. */
function asFieldValue(field: SnippetField, value: string | number): string | number {
  if (typeof field.defaultValue !== "number" || typeof value !== "string" || value.trim() === "") return value;
  const number = Number(value);
  return Number.isFinite(number) ? number : value;
}

/**
 * The body for the form's shown fields at `values` (each field's default where unset). `endpointId` when the form
 * chose another than the default, or as a placeholder to replace when the workflow has no default; `version` only
 * when it is not the latest.
 */
export function workflowRunBody(options: {
  fields: SnippetField[];
  values?: FormValues;
  defaultEndpointId: string | null;
  /** The endpoint chosen in the form; sent when it is not the workflow's default. */
  endpointId?: string;
  version?: number;
  latestVersion?: number;
}): WorkflowRunBody {
  const chosen = options.endpointId && options.endpointId !== options.defaultEndpointId ? options.endpointId : null;
  const inputs = Object.fromEntries(
    options.fields
      .filter((field) => !field.hidden)
      .map((field) => [field.name, asFieldValue(field, options.values?.[field.path] ?? field.defaultValue)]),
  );
  return {
    ...(chosen ? { endpointId: chosen } : options.defaultEndpointId ? {} : { endpointId: "<endpoint id>" }),
    ...(options.version && options.version !== options.latestVersion ? { version: options.version } : {}),
    inputs,
    count: 1,
  };
}

/** The run and the polling of its jobs, in each language, against the console at `origin`. */
export function workflowApiSnippets(options: {
  origin: string;
  workflowId: string;
  body: WorkflowRunBody;
}): Record<CodeLanguage, string> {
  const base = `${options.origin}/api/v1`;
  const runUrl = `${base}/workflows/${encodeURIComponent(options.workflowId)}/runs`;
  const curl = `# Run the workflow: "count" jobs (beyond one, each with a random seed)
${curlCall({ method: "POST", url: runUrl, body: options.body })}
# → {"sweepId": null, "runs": [{"job": {"id": "…", "status": "PENDING", …}, "failure": null, "inputs": {…}}]}

# Poll each job (JOB_ID: a runs[].job.id of the answer) until "finished" is true; "output" holds the result
${curlCall({ method: "GET", url: `${base}/jobs/$JOB_ID` })}`;

  const python = `import os
import time
import requests

BASE = ${JSON.stringify(base)}
HEADERS = {"Authorization": "Bearer " + os.environ[${JSON.stringify(TOKEN_VARIABLE)}]}

run = requests.post(
    ${JSON.stringify(runUrl)},
    headers=HEADERS,
    json=${pythonLiteral(options.body, 1)},
)
run.raise_for_status()

for sent in run.json()["runs"]:
    job_id = sent["job"]["id"]
    while True:
        job = requests.get(f"{BASE}/jobs/{job_id}", headers=HEADERS).json()["job"]
        if job["finished"]:
            break
        time.sleep(2)
    print(job_id, job["status"], job["output"] or job["error"])`;

  const javascript = `const BASE = ${JSON.stringify(base)};
const headers = { Authorization: \`Bearer \${process.env.${TOKEN_VARIABLE}}\`, "Content-Type": "application/json" };

const run = await fetch(${JSON.stringify(runUrl)}, {
  method: "POST",
  headers,
  body: JSON.stringify(${javascriptLiteral(options.body).replaceAll("\n", "\n  ")}),
});
if (!run.ok) throw new Error(\`\${run.status}: \${await run.text()}\`);

for (const sent of (await run.json()).runs) {
  let job;
  do {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    ({ job } = await (await fetch(\`\${BASE}/jobs/\${sent.job.id}\`, { headers })).json());
  } while (!job.finished);
  console.log(job.id, job.status, job.output ?? job.error);
}`;

  return { curl, python, javascript };
}
