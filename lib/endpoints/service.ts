import "server-only";
import { inArray } from "drizzle-orm";
import { hasRole, type Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { endpointRecords } from "@/lib/db/schema";
import { isNovitaError, NovitaError } from "@/lib/novita/errors";
import { getNovitaClient } from "@/lib/novita/process";
import type {
  Endpoint,
  EndpointHealth,
  EndpointLimits,
  GpuCatalog,
  GpuProduct,
  NetworkStorage,
  RegistryCredential,
} from "@/lib/novita/types";
import { costPerHour } from "./cost";
import { callOnJobRoute, forgetJobRoutes, jobRoutesOf, setJobRouteOverride, type JobRoute } from "./job-route";
import { endpointFormSchema, formToSpec, type EndpointForm } from "./form";
import { maskSecretEnv, restoreMaskedEnv } from "./secret-env";
import { adminOnlyFieldErrors, BUCKET_URL_KEY, changesNeedingAdmin } from "./secret-guard";

/** What the create wizard and the settings editor need from Novita, fetched together. */
export interface EndpointOptions {
  limits: EndpointLimits;
  /** Serverless GPUs (or, when that list does not answer, instance GPUs; see `catalog`). */
  products: GpuProduct[];
  catalog: Pick<GpuCatalog, "source" | "notice">;
  credentials: RegistryCredential[];
  storages: NetworkStorage[];
}

export async function loadEndpointOptions(): Promise<EndpointOptions> {
  const { management, catalog } = getNovitaClient();
  const [limits, gpus, credentials, storages] = await Promise.all([
    management.getLimits(),
    catalog.load(),
    management.listRegistryCredentials(),
    management.listNetworkStorages(),
  ]);
  return {
    limits,
    products: gpus.products,
    catalog: { source: gpus.source, notice: gpus.notice },
    credentials,
    storages,
  };
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
  /** USD per hour for the workers that exist right now; undefined when the GPU's price is unknown. */
  costPerHourNow: number | undefined;
  /** The route name job calls use, and how the console knows it. */
  jobRoute: JobRoute;
  createdAt: string | undefined;
}

/**
 * `/health` on the endpoint's route name, trying the other candidates on not-found (and learning the one that answers).
 */
async function healthOf(
  endpoint: Endpoint,
  route: JobRoute,
): Promise<{ health: EndpointHealth | null; route: JobRoute }> {
  try {
    const { value, route: answered } = await callOnJobRoute(
      await getDb(),
      endpoint,
      (name) => getNovitaClient().jobs.health(name),
      route,
    );
    return { health: value, route: answered };
  } catch {
    return { health: null, route };
  }
}

async function recordsOf(ids: string[]) {
  if (ids.length === 0) return new Map<string, typeof endpointRecords.$inferSelect>();
  const rows = await (await getDb()).select().from(endpointRecords).where(inArray(endpointRecords.endpointId, ids));
  return new Map(rows.map((row) => [row.endpointId, row]));
}

function toView(
  endpoint: Endpoint,
  found: { health: EndpointHealth | null; route: JobRoute },
  products: GpuProduct[],
  record: typeof endpointRecords.$inferSelect | undefined,
): EndpointView {
  const product = products.find((candidate) => candidate.id === endpoint.spec.productId);
  const runningWorkers = endpoint.workers.filter((worker) => worker.status.state === "running").length;
  const price = product?.pricePerHourUsd;
  return {
    endpoint: {
      ...endpoint,
      jobRouteName: found.route.name,
      spec: { ...endpoint.spec, env: maskSecretEnv(endpoint.spec.env) },
    },
    health: found.health,
    product,
    runningWorkers,
    costPerHourNow:
      price === undefined
        ? undefined
        : costPerHour(price, endpoint.spec.workers.gpusPerWorker, endpoint.workers.length),
    jobRoute: found.route,
    // A record without a creator only holds route names: the endpoint was made elsewhere.
    createdAt: record?.createdBy ? record.createdAt.toISOString() : undefined,
  };
}

export async function listEndpointViews(): Promise<EndpointView[]> {
  const { management, catalog } = getNovitaClient();
  const [endpoints, gpus] = await Promise.all([management.listEndpoints(), catalog.load()]);
  const db = await getDb();
  const [records, routes] = await Promise.all([
    recordsOf(endpoints.map((endpoint) => endpoint.id)),
    jobRoutesOf(db, endpoints),
  ]);
  const found = await Promise.all(endpoints.map((endpoint) => healthOf(endpoint, routes.get(endpoint.id)!)));
  return endpoints.map((endpoint, index) => toView(endpoint, found[index]!, gpus.products, records.get(endpoint.id)));
}

export async function getEndpointView(id: string): Promise<EndpointView> {
  const { management, catalog } = getNovitaClient();
  const [endpoint, gpus] = await Promise.all([management.getEndpoint(id), catalog.load()]);
  const db = await getDb();
  const [records, routes] = await Promise.all([recordsOf([id]), jobRoutesOf(db, [endpoint])]);
  return toView(endpoint, await healthOf(endpoint, routes.get(id)!), gpus.products, records.get(id));
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

export async function createEndpointFromForm(
  form: EndpointForm,
  storages: NetworkStorage[],
  userId: string,
): Promise<{ id: string }> {
  const spec = formToSpec(form, (storageId) => storages.find((storage) => storage.id === storageId)?.clusterId);
  const { id } = await getNovitaClient().management.createEndpoint(spec);
  await (await getDb()).insert(endpointRecords).values({ endpointId: id, createdBy: userId }).onConflictDoNothing();
  return { id };
}

/**
 * Why an update was not sent: fields to fix, or a change the caller's role may not make (nothing was sent either way).
 */
export type UpdateRefusal = { code: "invalid" | "forbidden"; message: string; fields: Record<string, string> };

/**
 * Update replaces the whole configuration, so the edit is applied on top of what Novita has now: fields the
 * form does not cover (GPU product, disk, app name, local volumes) are sent back as they are. While the edit keeps
 * hidden secret values, only an admin may change where they go (image, start command, bucket URL: secret-guard.ts).
 */
export async function updateEndpointFromForm(
  id: string,
  form: EndpointForm,
  storages: NetworkStorage[],
  editor: { role: Role },
): Promise<UpdateRefusal | undefined> {
  const { management } = getNovitaClient();
  const current = await management.getEndpoint(id);
  if (!hasRole(editor.role, "admin")) {
    const decision = changesNeedingAdmin(
      { image: current.spec.image.image, command: current.spec.image.command, env: current.spec.env },
      { image: form.image, command: form.command, env: form.env },
    );
    if (decision.changes.length > 0) {
      return {
        code: "forbidden",
        message:
          `Only an admin can change the image, start command or ${BUCKET_URL_KEY} ` +
          `while this endpoint holds hidden secret values (${decision.kept.join(", ")}). Nothing was saved.`,
        fields: adminOnlyFieldErrors(decision, form.env),
      };
    }
  }
  const edited = formToSpec(form, (storageId) => storages.find((storage) => storage.id === storageId)?.clusterId);
  // Hidden secrets come back as the placeholder: they keep the value Novita has.
  const env = restoreMaskedEnv(edited.env, current.spec.env);
  if (!env.ok) {
    const row = form.env.findIndex((candidate) => candidate.key.trim() === env.key);
    return {
      code: "invalid",
      message: "Some fields need attention.",
      fields: {
        [`env.${row < 0 ? env.index : row}.key`]:
          `${env.key} has no saved value to keep: ` + "type its value (the hidden one belonged to another name).",
      },
    };
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
  await forgetJobRoutes(await getDb(), id);
}

export async function addRegistryCredential(input: {
  name: string;
  username: string;
  password: string;
}): Promise<RegistryCredential> {
  return getNovitaClient().management.saveRegistryCredentialAndFindId(input);
}

export { isNovitaError };

/**
 * A person's job route name: asked for `/health` first, so a name the gateway does not know is refused (with
 * Novita's words) and nothing is saved. Empty clears it, and the console finds the name again by itself.
 */
export async function chooseJobRouteName(id: string, routeName: string): Promise<{ routeName: string | undefined }> {
  await getNovitaClient().management.getEndpoint(id);
  if (routeName) {
    try {
      await getNovitaClient().jobs.health(routeName);
    } catch (error) {
      if (!isNovitaError(error) || error.kind !== "not_found") throw error;
      const said = error.upstreamMessage ?? `HTTP ${error.status ?? "?"}`;
      throw new NovitaError({
        kind: "not_found",
        operation: error.operation,
        status: error.status,
        reason: error.reason,
        upstreamMessage: error.upstreamMessage,
        message: error.message,
        userMessage:
          `Novita's job gateway does not answer to "${routeName}" (it said: ${said}). ` +
          "Nothing was saved. Check the name against the job URL in Novita's console; " +
          "without a name set here, the console finds it by itself.",
      });
    }
  }
  await setJobRouteOverride(await getDb(), id, routeName || undefined);
  return { routeName: routeName || undefined };
}
