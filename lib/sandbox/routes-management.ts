/**
 * Novita's management API as the sandbox reads it: v1 under /gpu-instance/openapi/v1 (endpoints, limits,
 * registry credentials, network storages, GPU-instance products) and the v2 product catalogue under /gpus/v2.
 * Refusals use the GPU error table's reasons, all HTTP 400: VALIDATOR_PARAM (with `metadata.field`),
 * SERVERLESS_ENDPOINT_NOT_FOUND, SERVERLESS_PRODUCT_NOT_FOUND, SERVERLESS_APP_NAME_IS_EXIST,
 * NETWORK_STORAGE_NOT_FOUND, RESOURCE_NOT_FOUND.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { SANDBOX_LIMITS, SANDBOX_NETWORK_STORAGES, v1InstanceProducts, v2Products } from "./catalog";
import {
  checkEndpointConfig,
  configFromCreate,
  createEndpointBodySchema,
  InvalidEndpointConfig,
  mergeUpdate,
  updateEndpointBodySchema,
  type EndpointConfig,
} from "./endpoint-config";
import type { SandboxEndpoint } from "./engine";
import { HttpError, MAX_MANAGEMENT_BODY_BYTES, parseBody, type Route, type SandboxContext } from "./http";

export const MANAGEMENT_PREFIX = "/gpu-instance/openapi/v1";
export const GPUS_V2_PREFIX = "/gpus/v2";

/** EndpointDetail as Novita's docs show it, quirks included. */
export function wireEndpoint(endpoint: SandboxEndpoint, context: SandboxContext, portsAsString: boolean) {
  const { config } = endpoint;
  const { engine } = context;
  return {
    id: endpoint.id,
    name: config.name,
    appName: config.appName,
    type: endpoint.type,
    state: engine.stateOf(endpoint),
    url: `${context.origin()}/endpoints/${endpoint.id}`,
    // The docs' examples send these three as strings in responses (ints in requests): so does the sandbox.
    workerConfig: {
      minNum: config.workerConfig.minNum,
      maxNum: config.workerConfig.maxNum,
      freeTimeout: String(config.workerConfig.freeTimeout),
      maxConcurrent: String(config.workerConfig.maxConcurrent),
      gpuNum: config.workerConfig.gpuNum,
      requestTimeout: config.workerConfig.requestTimeout,
      cudaVersion: config.workerConfig.cudaVersion,
    },
    policy: { type: config.policy.type, value: String(config.policy.value) },
    image: { ...config.image },
    rootfsSize: config.rootfsSize,
    volumeMounts: config.volumeMounts.map((mount) => ({ ...mount })),
    envs: config.envs.map((env) => ({ ...env })),
    ports: config.ports.map((entry) => ({ port: portsAsString ? String(entry.port) : entry.port })),
    workers: engine.workersOf(endpoint.id).map((worker) => ({
      id: worker.id,
      state: { state: worker.state, error: "", message: worker.state === "starting" ? "cold start" : "" },
      log: "",
      metrics: "",
      healthy: worker.state === "running",
    })),
    products: config.products.map((product) => ({ ...product })),
    healthy: {
      path: config.healthy.path,
      initialDelay: 0,
      period: 10,
      timeout: 5,
      successThreshold: 1,
      failureThreshold: 3,
    },
    clusterID: config.clusterID,
    log: "",
  };
}

/** 400 SERVERLESS_ENDPOINT_NOT_FOUND, as Novita answers an unknown endpoint id (not 404). */
export function requireEndpoint(context: SandboxContext, id: string): SandboxEndpoint {
  const endpoint = context.engine.endpoints.get(id);
  if (!endpoint) throw new HttpError(400, "SERVERLESS_ENDPOINT_NOT_FOUND", `serverless endpoint ${id} not found`);
  return endpoint;
}

function pageOf(url: URL, name: string, fallback: number, min: number): number {
  const value = Number(url.searchParams.get(name) ?? fallback);
  return Number.isInteger(value) && value >= min ? value : fallback;
}

export function managementRoutes(context: SandboxContext): Route[] {
  const { engine, credentials } = context;
  const validated = (config: EndpointConfig): EndpointConfig => {
    try {
      checkEndpointConfig(config, new Set(credentials.map((credential) => credential.id)));
    } catch (error) {
      if (error instanceof InvalidEndpointConfig)
        throw new HttpError(400, error.reason, error.message, { field: error.field });
      throw error;
    }
    return config;
  };
  const m = (path: string) => new RegExp(`^${MANAGEMENT_PREFIX}${path}$`);

  return [
    {
      method: "GET",
      pattern: m("/endpoints"),
      operation: "endpoints.list",
      bodyLimit: 0,
      handle: ({ url }) => {
        const all = [...engine.endpoints.values()].sort((a, b) => b.createdAt - a.createdAt);
        const pageSize = pageOf(url, "pageSize", 10, 1);
        const pageNum = pageOf(url, "pageNum", 0, 0);
        return {
          endpoints: all
            .slice(pageNum * pageSize, (pageNum + 1) * pageSize)
            .map((endpoint) => wireEndpoint(endpoint, context, true)),
          total: all.length,
        };
      },
    },
    {
      method: "GET",
      pattern: m("/endpoint"),
      operation: "endpoints.get",
      bodyLimit: 0,
      handle: ({ url }) => {
        const id = url.searchParams.get("id");
        if (!id) throw new HttpError(400, "VALIDATOR_PARAM", "id: the endpoint id is required (?id=)", { field: "id" });
        return { endpoint: wireEndpoint(requireEndpoint(context, id), context, false) };
      },
    },
    {
      method: "POST",
      pattern: m("/endpoint/create"),
      operation: "endpoints.create",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        const { endpoint: input } = parseBody(createEndpointBodySchema, await body(), { stripPrefix: "endpoint." });
        const appName = input.appName || undefined;
        const config = validated(configFromCreate(input, appName ?? ""));
        if (appName && [...engine.endpoints.values()].some((endpoint) => endpoint.config.appName === appName)) {
          throw new HttpError(400, "SERVERLESS_APP_NAME_IS_EXIST", `serverless app name ${appName} already exists`, {
            field: "appName",
          });
        }
        // Novita's v1 default type is unknown; `sync` makes a client that forgets to say `async` visible.
        const created = engine.createEndpoint({ ...config, appName }, input.type ?? "sync");
        return { id: created.id };
      },
    },
    {
      method: "POST",
      pattern: m("/endpoint/update"),
      operation: "endpoints.update",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        // Partial, as Novita's CLI sends it (§10.6): what is left out keeps its stored value.
        const input = parseBody(updateEndpointBodySchema, await body());
        const existing = requireEndpoint(context, input.id);
        engine.updateEndpoint(existing.id, validated(mergeUpdate(existing.config, input)));
        return wireEndpoint(existing, context, false);
      },
    },
    {
      method: "POST",
      pattern: m("/endpoint/delete"),
      operation: "endpoints.delete",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        // The docs name the field `name` (it takes the id); other clients send `id` (§10.4). Either, or both.
        const { name, id } = parseBody(
          z.object({ name: z.string().min(1).optional(), id: z.string().min(1).optional() }),
          await body(),
        );
        if (!name && !id)
          throw new HttpError(400, "VALIDATOR_PARAM", 'name: send the endpoint id as {"name": <id>} or {"id": <id>}', {
            field: "name",
          });
        if (name && id && name !== id)
          throw new HttpError(400, "VALIDATOR_PARAM", `id: name (${name}) and id (${id}) differ`, { field: "id" });
        engine.deleteEndpoint(requireEndpoint(context, (id ?? name)!).id);
        return {};
      },
    },
    {
      method: "GET",
      pattern: m("/endpoint/limit"),
      operation: "endpoints.limit",
      bodyLimit: 0,
      handle: () => SANDBOX_LIMITS,
    },
    {
      method: "GET",
      pattern: m("/repository/auths"),
      operation: "registry.list",
      bodyLimit: 0,
      // Novita echoes the password back here; the sandbox does too, so the console's care is tested.
      handle: () => ({ data: credentials.map((credential) => ({ ...credential })) }),
    },
    {
      method: "POST",
      pattern: m("/repository/auth/save"),
      operation: "registry.save",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        const input = parseBody(
          z.object({
            name: z.string().min(1).max(255),
            username: z.string().min(1).max(511),
            password: z.string().min(1).max(1024),
          }),
          await body(),
        );
        if (credentials.some((credential) => credential.name === input.name)) {
          throw new HttpError(
            400,
            "VALIDATOR_PARAM",
            `name: a registry credential named ${input.name} already exists`,
            { field: "name" },
          );
        }
        credentials.push({ id: `auth-${randomBytes(6).toString("hex")}`, ...input });
        context.saveSoon();
        return {};
      },
    },
    {
      method: "POST",
      pattern: m("/repository/auth/delete"),
      operation: "registry.delete",
      bodyLimit: MAX_MANAGEMENT_BODY_BYTES,
      handle: async ({ body }) => {
        const { id } = parseBody(z.object({ id: z.string().min(1) }), await body());
        const index = credentials.findIndex((credential) => credential.id === id);
        if (index < 0) throw new HttpError(400, "RESOURCE_NOT_FOUND", `registry credential ${id} not found`);
        credentials.splice(index, 1);
        context.saveSoon();
        return {};
      },
    },
    {
      method: "GET",
      pattern: m("/networkstorages/list"),
      operation: "storages.list",
      bodyLimit: 0,
      handle: ({ url }) => {
        // pageNo counts from 1 (0 reads as 1); storageName matches part of the name, storageId the whole id.
        const pageSize = pageOf(url, "pageSize", 10, 1);
        const pageNo = Math.max(1, pageOf(url, "pageNo", 1, 0));
        const name = url.searchParams.get("storageName");
        const id = url.searchParams.get("storageId");
        const all = SANDBOX_NETWORK_STORAGES.filter(
          (storage) => (!name || storage.storageName.includes(name)) && (!id || storage.storageId === id),
        );
        return {
          data: all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((storage) => ({ ...storage })),
          total: all.length,
        };
      },
    },
    {
      method: "GET",
      pattern: m("/products"),
      operation: "products.list",
      bodyLimit: 0,
      handle: () => v1InstanceProducts(),
    },
    {
      method: "GET",
      pattern: new RegExp(`^${GPUS_V2_PREFIX}/products$`),
      operation: "products.v2",
      bodyLimit: 0,
      handle: ({ url }) =>
        v2Products({ type: url.searchParams.get("type"), category: url.searchParams.get("category") }),
    },
  ];
}
