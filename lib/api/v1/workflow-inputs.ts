/**
 * A workflow's form for scripts: its fields by name (lib/comfyui/field-names.ts), and a run asked for with named
 * inputs turned into the run action's own request (`runWorkflowSchema`), which the same command then sends.
 */
import { z } from "zod";
import { namedFields, type NamedField } from "@/lib/comfyui/field-names";
import { outputNodeIds } from "@/lib/comfyui/graph";
import { safeImageName } from "@/lib/comfyui/job-input";
import { MAX_SWEEP_RUNS, parseSeedList } from "@/lib/comfyui/sweep";
import { ConsoleError } from "@/lib/errors";
import { webhookField } from "@/lib/webhooks/schema";
import { sweepSchema, uploadedImageSchema, type runWorkflowSchema } from "@/lib/workflows/schema";
import { WorkflowNotFound, type WorkflowView } from "@/lib/workflows/service";

const fieldName = z.string().trim().min(1).max(300);

/** `POST /api/v1/workflows/{id}/runs`: the form's values by field name, and the sweep by field name. */
export const workflowRunBodySchema = z.object({
  endpointId: z.string().trim().min(1).max(100).optional().describe("Default: the workflow's default endpoint."),
  version: z.number().int().min(1).optional().describe("Default: the latest version."),
  inputs: z
    .record(fieldName, z.union([z.string().max(100_000), z.number(), uploadedImageSchema]))
    .default({})
    .describe(
      'Values by field name (or node path); unset fields keep their defaults. A seed may be "random"; an image ' +
        "field takes a file name on the worker or {name, image: <base64>}.",
    ),
  count: z
    .number()
    .int()
    .min(1)
    .max(MAX_SWEEP_RUNS)
    .optional()
    .describe("Jobs to send, each with a random seed (the form's “N random” seeds)."),
  sweep: z
    .object({
      seeds: sweepSchema.shape.seeds,
      seedField: fieldName.optional().describe("Default: the first seed field."),
      prompts: sweepSchema.shape.prompts,
      promptField: fieldName.optional().describe("Default: the first prompt field."),
    })
    .optional()
    .describe("One job per prompt × seed, grouped as one sweep."),
  outputNodeId: z.string().trim().max(100).optional().describe("Sent as output_node_id."),
  webhook: webhookField.optional(),
});

type RunBody = z.output<typeof workflowRunBodySchema>;

function versionOf(workflow: WorkflowView, version: number | undefined) {
  const found = workflow.versions.find((entry) => entry.version === (version ?? workflow.latestVersion));
  if (!found) throw new WorkflowNotFound(workflow.id, version);
  return found;
}

/** The fields of a version as the API lists them. */
export function fieldsOf(workflow: WorkflowView, version?: number): NamedField[] {
  return namedFields(versionOf(workflow, version).graph, workflow.curation);
}

/** `GET /api/v1/workflows/{id}`: the workflow, its versions and the form of one version (default: the latest). */
export function describeWorkflow(workflow: WorkflowView, version?: number) {
  const chosen = versionOf(workflow, version);
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    latestVersion: workflow.latestVersion,
    defaultEndpointId: workflow.defaultEndpointId,
    createdAt: workflow.createdAt,
    updatedAt: workflow.updatedAt,
    versions: workflow.versions.map(({ version: number, note, createdAt }) => ({ version: number, note, createdAt })),
    version: chosen.version,
    fields: fieldsOf(workflow, chosen.version).map((field) => ({
      name: field.name,
      label: field.label,
      kind: field.kind,
      group: field.group,
      hidden: field.hidden,
      default: field.defaultValue,
      path: field.path,
      nodeId: field.nodeId,
      input: field.input,
      classType: field.classType,
      ...(field.min === undefined ? {} : { min: field.min }),
      ...(field.max === undefined ? {} : { max: field.max }),
      ...(field.step === undefined ? {} : { step: field.step }),
      ...(field.suggestions ? { suggestions: [...field.suggestions] } : {}),
    })),
    outputNodeIds: outputNodeIds(chosen.graph),
  };
}

function unknownNames(names: string[], fields: NamedField[]): ConsoleError {
  const known = fields.map((field) => field.name).join(", ") || "none";
  return new ConsoleError(
    "invalid",
    `This workflow has no field named ${names.join(", ")}. Its fields: ${known}.`,
    Object.fromEntries(names.map((name) => [`inputs.${name}`, "No field of this name."])),
  );
}

/**
 * The run action's request for a run asked for by field names. Unknown names, a sweep field of the wrong kind,
 * no endpoint to run on, or a count without a seed field are `invalid`, naming the problem.
 */
export function toRunRequest(workflow: WorkflowView, body: RunBody): z.input<typeof runWorkflowSchema> {
  const { version } = versionOf(workflow, body.version);
  const fields = fieldsOf(workflow, version);
  const find = (key: string) => fields.find((field) => field.name === key) ?? fields.find((f) => f.path === key);
  const unknown = Object.keys(body.inputs).filter((key) => !find(key));
  const sweepNames = [body.sweep?.seedField, body.sweep?.promptField].filter((name): name is string => !!name);
  const unknownSweep = sweepNames.filter((name) => !find(name));
  if (unknown.length || unknownSweep.length) throw unknownNames([...unknown, ...unknownSweep], fields);

  const values: Record<string, string | number> = {};
  const randomise: Record<string, boolean> = {};
  const images: { name: string; image: string }[] = [];
  for (const [key, value] of Object.entries(body.inputs)) {
    const field = find(key)!;
    if (typeof value === "object") {
      if (field.kind !== "image") throw invalidInput(field, "Only an image field takes {name, image}.");
      let name = safeImageName(value.name);
      for (let index = 2; images.some((image) => image.name === name); index += 1)
        name = safeImageName(value.name).replace(/(\.[^.]*)?$/, `-${index}$1`);
      images.push({ name, image: value.image });
      values[field.path] = name;
    } else if (field.kind === "seed" && value === "random") randomise[field.path] = true;
    else values[field.path] = value;
  }

  const sweep = sweepOf(body, fields, find);
  const endpointId = body.endpointId ?? workflow.defaultEndpointId;
  if (!endpointId) {
    throw new ConsoleError("invalid", "This workflow has no default endpoint: pass endpointId.", {
      endpointId: "Choose an endpoint to run on.",
    });
  }
  return {
    workflowId: workflow.id,
    version,
    endpointId,
    values,
    randomise,
    images,
    ...(body.outputNodeId ? { outputNodeId: body.outputNodeId } : {}),
    ...(sweep ? { sweep } : {}),
    ...(body.webhook ? { webhook: body.webhook } : {}),
  };
}

function invalidInput(field: NamedField, message: string): ConsoleError {
  return new ConsoleError("invalid", `${field.name}: ${message}`, { [`inputs.${field.name}`]: message });
}

function sweepOf(body: RunBody, fields: NamedField[], find: (key: string) => NamedField | undefined) {
  const seedField = body.sweep?.seedField ? find(body.sweep.seedField) : fields.find((f) => f.kind === "seed");
  const promptField = body.sweep?.promptField ? find(body.sweep.promptField) : fields.find((f) => f.kind === "prompt");
  if (body.sweep?.seedField && seedField?.kind !== "seed") throw invalidInput(seedField!, "Not a seed field.");
  if (body.sweep?.promptField && promptField?.kind !== "prompt")
    throw invalidInput(promptField!, "Not a prompt field.");
  let seeds = body.sweep?.seeds;
  if (body.count && body.count > 1) {
    if (seeds?.length)
      throw new ConsoleError("invalid", "Give count or sweep.seeds, not both.", { count: "Or seeds." });
    const drawn = parseSeedList(`${body.count} random`);
    seeds = "seeds" in drawn ? drawn.seeds : undefined;
  }
  if (seeds?.length && !seedField) {
    throw new ConsoleError("invalid", "This workflow has no seed field to vary.", { count: "No seed field." });
  }
  if (body.sweep?.prompts?.length && !promptField) {
    throw new ConsoleError("invalid", "This workflow has no prompt field to vary.", { sweep: "No prompt field." });
  }
  const prompts = body.sweep?.prompts;
  if (!seeds?.length && !prompts?.length) return undefined;
  return {
    ...(seeds?.length ? { seedPath: seedField!.path, seeds } : {}),
    ...(prompts?.length ? { promptPath: promptField!.path, prompts } : {}),
  };
}

/** A failure's `fields` keyed by node path, as the service names them, renamed to `inputs.<field name>`. */
export function renameFieldErrors(
  fields: Record<string, string> | undefined,
  named: NamedField[],
): Record<string, string> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(
    Object.entries(fields).map(([key, message]) => {
      const field = named.find((entry) => entry.path === key);
      return [field ? `inputs.${field.name}` : key, message];
    }),
  );
}
