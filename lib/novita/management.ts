/** Novita's management API v1 (`/gpu-instance/openapi/v1`): endpoints, limits, credentials, storages, products. */
import { NovitaError } from "./errors";
import type { HttpClient } from "./http";
import {
  toCreateRequest,
  toEndpoint,
  toGpuProduct,
  toLimits,
  toNetworkStorage,
  toRegistryCredential,
  toUpdateRequest,
} from "./mapping";
import type { Endpoint, EndpointLimits, EndpointSpec, GpuProduct, NetworkStorage, RegistryCredential } from "./types";
import {
  wireCreateEndpointResponse,
  wireEndpointGet,
  wireEndpointLimits,
  wireEndpointList,
  wireGpuProductList,
  wireIgnoredBody,
  wireNetworkStorageList,
  wireRegistryCredentialList,
  type WireEndpointDetail,
} from "./wire";

export interface RouteNameOptions {
  /** Job route names chosen by the user, by endpoint id; the others are derived from id and app name. */
  routeNameOverrides?: Record<string, string>;
}

export interface NewRegistryCredential {
  name: string;
  username: string;
  password: string;
}

const PAGE_SIZE = 100;
/** 10 000 endpoints: far beyond any team, there only so a server that never stops paging cannot loop us forever. */
const MAX_PAGES = 100;
const STORAGE_PAGE_SIZE = 100;

export class ManagementApi {
  constructor(private readonly http: HttpClient) {}

  async listEndpoints(options: RouteNameOptions = {}): Promise<Endpoint[]> {
    const details = await this.listEndpointDetails();
    return details.map((detail) => toEndpoint(detail, options.routeNameOverrides?.[detail.id]));
  }

  /**
   * Pages through `/endpoints` until `total` is reached. Whether `pageNum` counts from 0 or 1 is only known
   * second-hand (0), so endpoints are collected by id and a page with nothing new ends the walk only from the
   * third page on: a 1-based server that reads 0 as 1 repeats the first page once, and that must not stop us.
   */
  private async listEndpointDetails(): Promise<WireEndpointDetail[]> {
    const byId = new Map<string, WireEndpointDetail>();
    for (let pageNum = 0; pageNum < MAX_PAGES; pageNum++) {
      const page = await this.http.request({
        operation: "list endpoints",
        method: "GET",
        path: "/endpoints",
        query: { pageSize: PAGE_SIZE, pageNum },
        schema: wireEndpointList,
      });
      const knownBefore = byId.size;
      for (const endpoint of page.endpoints) byId.set(endpoint.id, endpoint);
      const total = page.total ?? byId.size;
      const noProgress = byId.size === knownBefore;
      if (byId.size >= total || page.endpoints.length === 0 || (noProgress && pageNum >= 2)) break;
    }
    return [...byId.values()];
  }

  async getEndpoint(id: string, options: RouteNameOptions = {}): Promise<Endpoint> {
    const answer = await this.http.request({
      operation: "get endpoint",
      method: "GET",
      path: "/endpoint",
      query: { id },
      schema: wireEndpointGet,
    });
    return toEndpoint(answer.endpoint, options.routeNameOverrides?.[answer.endpoint.id]);
  }

  async createEndpoint(spec: EndpointSpec): Promise<{ id: string }> {
    const answer = await this.http.request({
      operation: "create endpoint",
      method: "POST",
      path: "/endpoint/create",
      body: JSON.stringify(toCreateRequest(spec)),
      schema: wireCreateEndpointResponse,
    });
    return { id: answer.id };
  }

  /** A full replace: every field of `spec` is sent, except the GPU product and system disk, fixed at create. */
  async updateEndpoint(id: string, spec: EndpointSpec): Promise<void> {
    await this.http.request({
      operation: "update endpoint",
      method: "POST",
      path: "/endpoint/update",
      body: JSON.stringify(toUpdateRequest(id, spec)),
      schema: wireIgnoredBody,
    });
  }

  /**
   * Removes the endpoint and all its workers. The docs and Novita's CLI send `{name: <id>}`, other code bases
   * `{id}` (§10.4): both keys are sent, which is safe either way.
   */
  async deleteEndpoint(id: string): Promise<void> {
    await this.http.request({
      operation: "delete endpoint",
      method: "POST",
      path: "/endpoint/delete",
      body: JSON.stringify({ name: id, id }),
      schema: wireIgnoredBody,
    });
  }

  async getLimits(): Promise<EndpointLimits> {
    const answer = await this.http.request({
      operation: "get endpoint limits",
      method: "GET",
      path: "/endpoint/limit",
      schema: wireEndpointLimits,
    });
    return toLimits(answer);
  }

  async listRegistryCredentials(): Promise<RegistryCredential[]> {
    const answer = await this.http.request({
      operation: "list registry credentials",
      method: "GET",
      path: "/repository/auths",
      schema: wireRegistryCredentialList,
    });
    return (answer.data ?? []).map(toRegistryCredential);
  }

  /** Novita answers with no id (204 per one community spec): use `saveRegistryCredentialAndFindId` to learn it. */
  async saveRegistryCredential(credential: NewRegistryCredential): Promise<void> {
    await this.http.request({
      operation: "save registry credential",
      method: "POST",
      path: "/repository/auth/save",
      body: JSON.stringify({ name: credential.name, username: credential.username, password: credential.password }),
      schema: wireIgnoredBody,
    });
  }

  /**
   * Saves, then finds the new credential by listing. Listing before too tells a new credential from an older
   * one of the same name; if none is new, "save" updated the same-named one in place, and that one is returned.
   */
  async saveRegistryCredentialAndFindId(credential: NewRegistryCredential): Promise<RegistryCredential> {
    const existingIds = new Set((await this.listRegistryCredentials()).map((existing) => existing.id));
    await this.saveRegistryCredential(credential);
    const sameName = (await this.listRegistryCredentials()).filter((listed) => listed.name === credential.name);
    const saved = sameName.find((listed) => !existingIds.has(listed.id)) ?? sameName[0];
    if (saved) return saved;
    throw new NovitaError({
      kind: "upstream",
      operation: "save registry credential",
      message: `Novita accepted registry credential "${credential.name}" but does not list it`,
      userMessage:
        `Novita accepted the credential "${credential.name}" but does not list it yet. ` +
        "Refresh in a minute; if it is still missing, save it again.",
    });
  }

  async deleteRegistryCredential(id: string): Promise<void> {
    await this.http.request({
      operation: "delete registry credential",
      method: "POST",
      path: "/repository/auth/delete",
      body: JSON.stringify({ id }),
      schema: wireIgnoredBody,
    });
  }

  async listNetworkStorages(): Promise<NetworkStorage[]> {
    const storages = await this.http.request({
      operation: "list network storages",
      method: "GET",
      path: "/networkstorages/list",
      // The default page size is undocumented; ask for more than a team plausibly has.
      query: { pageSize: STORAGE_PAGE_SIZE },
      schema: wireNetworkStorageList,
    });
    return storages.map(toNetworkStorage);
  }

  /** v1 `/products`: GPU-*instance* products (ids like `4090.16c62g`), not the serverless catalogue (catalog.ts). */
  async listInstanceProducts(): Promise<GpuProduct[]> {
    const answer = await this.http.request({
      operation: "list GPU-instance products",
      method: "GET",
      path: "/products",
      schema: wireGpuProductList,
    });
    return (answer.data ?? []).map(toGpuProduct);
  }
}
