import "server-only";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { endpointRecords } from "@/lib/db/schema";
import { isNovitaError, type NovitaError } from "@/lib/novita/errors";
import { getNovitaClient } from "@/lib/novita/server";
import type { Endpoint, EndpointHealth, EndpointLimits, GpuProduct, NetworkStorage, RegistryCredential } from "@/lib/novita/types";
import { costPerHour } from "./cost";
import { endpointFormSchema, formFieldOfWireField, formToSpec, type EndpointForm } from "./form";
import { maskSecretEnv, restoreMaskedEnv } from "./secret-env";

/** What the create wizard and the settings editor need from Novita, fetched together. */
export interface EndpointOptions {
  limits: EndpointLimits;
  products: GpuProduct[];
  credentials: RegistryCredential[];
  storages: NetworkStorage[];
}

export async function loadEndpointOptions(): Promise<EndpointOptions> {
  const { management } = getNovitaClient();
  const [limits, products, credentials, storages] = await Promise.all([
    management.getLimits(),
    management.listGpuProducts(),
    management.listRegistryCredentials(),
    management.listNetworkStorages(),
  ]);
  return { limits, products, credentials, storages };
}

/**
 * An endpoint as the console shows it: Novita's view, its queue, its price and when it was created here. Values of
 * secret-looking env names are masked (see secret-env.ts): views go to every signed-in browser.
 */
export interface EndpointView {
  endpoint: Endpoint;
  /** null when `/health` could not be read (the endpoint is still starting, or the gateway failed). */
  health: EndpointHealth | null;
  product: GpuProduct | undefined;
  /** Ready workers (state `running`). */
  runningWorkers: number;
  /** USD per hour for the workers that exist right now. */
  costPerHourNow: number | undefined;
  createdAt: string | undefined;
}

async function healthOrNull(routeName: string): Promise<EndpointHealth | null> {
  try {
    return await getNovitaClient().jobs.health(routeName);
  } catch {
    return null;
  }
}

async function recordsOf(ids: string[]) {
  if (ids.length === 0) return new Map<string, typeof endpointRecords.$inferSelect>();
  const rows = await (await getDb()).select().from(endpointRecords).where(inArray(endpointRecords.endpointId, ids));
  return new Map(rows.map((row) => [row.endpointId, row]));
}

function toView(endpoint: Endpoint, health: EndpointHealth | null, products: GpuProduct[], createdAt: Date | undefined): EndpointView {
  const product = products.find((candidate) => candidate.id === endpoint.spec.productId);
  const runningWorkers = endpoint.workers.filter((worker) => worker.status.state === "running").length;
  return {
    endpoint: { ...endpoint, spec: { ...endpoint.spec, env: maskSecretEnv(endpoint.spec.env) } },
    health,
    product,
    runningWorkers,
    costPerHourNow: product ? costPerHour(product.pricePerHourUsd, endpoint.spec.workers.gpusPerWorker, endpoint.workers.length) : undefined,
    createdAt: createdAt?.toISOString(),
  };
}

export async function listEndpointViews(): Promise<EndpointView[]> {
  const { management } = getNovitaClient();
  const [endpoints, products] = await Promise.all([management.listEndpoints(), management.listGpuProducts()]);
  const records = await recordsOf(endpoints.map((endpoint) => endpoint.id));
  const overrides = Object.fromEntries(
    [...records.values()].filter((row) => row.jobRouteNameOverride).map((row) => [row.endpointId, row.jobRouteNameOverride!]),
  );
  const routed = endpoints.map((endpoint) => (overrides[endpoint.id] ? { ...endpoint, jobRouteName: overrides[endpoint.id]! } : endpoint));
  const healths = await Promise.all(routed.map((endpoint) => healthOrNull(endpoint.jobRouteName)));
  return routed.map((endpoint, index) => toView(endpoint, healths[index] ?? null, products, records.get(endpoint.id)?.createdAt));
}

export async function getEndpointView(id: string): Promise<EndpointView> {
  const { management } = getNovitaClient();
  const records = await recordsOf([id]);
  const override = records.get(id)?.jobRouteNameOverride ?? undefined;
  const [endpoint, products] = await Promise.all([
    management.getEndpoint(id, override ? { routeNameOverrides: { [id]: override } } : {}),
    management.listGpuProducts(),
  ]);
  return toView(endpoint, await healthOrNull(endpoint.jobRouteName), products, records.get(id)?.createdAt);
}

/** A failure to show in a form: Novita's words, on the field it blamed when it named one. */
export interface EndpointMutationError {
  message: string;
  fields?: Record<string, string>;
}

export function describeNovitaFailure(error: NovitaError): EndpointMutationError {
  const field = formFieldOfWireField(error.field);
  const said = error.upstreamMessage ? `Novita refused it: ${error.upstreamMessage}` : error.userMessage;
  const message = error.kind === "invalid" ? `${said}${error.reason ? ` (${error.reason})` : ""}` : error.userMessage;
  return field ? { message, fields: { [field]: said } } : { message };
}

export type FormCheck = { ok: true; form: EndpointForm } | { ok: false; fields: Record<string, string> };

/** The server's own check of a submitted form, against the account's current limits (same schema as the form). */
export function checkForm(input: unknown, limits: EndpointLimits): FormCheck {
  const parsed = endpointFormSchema(limits).safeParse(input);
  if (parsed.success) return { ok: true, form: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join(".") || "form"] ??= issue.message;
  return { ok: false, fields };
}

export async function createEndpointFromForm(form: EndpointForm, storages: NetworkStorage[], userId: string): Promise<{ id: string }> {
  const spec = formToSpec(form, (storageId) => storages.find((storage) => storage.id === storageId)?.clusterId);
  const { id } = await getNovitaClient().management.createEndpoint(spec);
  await (await getDb()).insert(endpointRecords).values({ endpointId: id, createdBy: userId }).onConflictDoNothing();
  return { id };
}

/**
 * Update replaces the whole configuration, so the edit is applied on top of what Novita has now: fields the
 * form does not cover (GPU product, disk, app name, local volumes) are sent back as they are.
 */
export async function updateEndpointFromForm(id: string, form: EndpointForm, storages: NetworkStorage[]): Promise<FormCheck | undefined> {
  const { management } = getNovitaClient();
  const current = await management.getEndpoint(id);
  const edited = formToSpec(form, (storageId) => storages.find((storage) => storage.id === storageId)?.clusterId);
  // Hidden secrets come back as the placeholder: they keep the value Novita has.
  const env = restoreMaskedEnv(edited.env, current.spec.env);
  if (!env.ok) {
    const row = form.env.findIndex((candidate) => candidate.key.trim() === env.key);
    return { ok: false, fields: { [`env.${row < 0 ? env.index : row}.key`]: `${env.key} has no saved value to keep: type its value (the hidden one belonged to another name).` } };
  }
  const localMounts = current.spec.volumeMounts.filter((mount) => mount.type === "local");
  await management.updateEndpoint(id, {
    ...edited,
    env: env.env,
    appName: current.spec.appName,
    productId: current.spec.productId,
    rootfsSizeGb: current.spec.rootfsSizeGb,
    volumeMounts: [...localMounts, ...edited.volumeMounts],
  });
}

/** Quick scale: only the worker bounds change (sent as a full update, as the API requires). */
export async function scaleEndpoint(id: string, workers: { min: number; max: number }): Promise<void> {
  const { management } = getNovitaClient();
  const current = await management.getEndpoint(id);
  await management.updateEndpoint(id, { ...current.spec, workers: { ...current.spec.workers, ...workers } });
}

/** One env value as Novita has it (admins, audited by the caller); undefined when the endpoint has no such name. */
export async function readEndpointEnvValue(id: string, key: string): Promise<string | undefined> {
  const endpoint = await getNovitaClient().management.getEndpoint(id);
  return endpoint.spec.env.find((row) => row.key === key)?.value;
}

export async function deleteEndpoint(id: string): Promise<void> {
  await getNovitaClient().management.deleteEndpoint(id);
  await (await getDb()).delete(endpointRecords).where(eq(endpointRecords.endpointId, id));
}

export async function addRegistryCredential(input: { name: string; username: string; password: string }): Promise<RegistryCredential> {
  return getNovitaClient().management.saveRegistryCredentialAndFindId(input);
}

export { isNovitaError };
