/**
 * The serverless GPU catalogue (§10.1): Novita's GPU API v2 lists serverless products with
 * `GET /products?type=gpu&category=serverless`; v1 `/products` lists GPU-*instance* products, used only when v2
 * does not answer, and the catalogue then says so. It never throws: a wizard with no list still lets people type
 * a product id.
 */
import { isNovitaError } from "./errors";
import type { HttpClient } from "./http";
import type { ManagementApi } from "./management";
import { toServerlessProduct } from "./mapping";
import type { GpuCatalog, GpuProduct } from "./types";
import { wireServerlessProductList } from "./wire";

export class GpuCatalogApi {
  constructor(
    private readonly gpusHttp: HttpClient,
    private readonly management: Pick<ManagementApi, "listInstanceProducts">,
  ) {}

  /** v2's serverless list alone; throws `NovitaError` like any call. */
  async listServerlessProducts(): Promise<GpuProduct[]> {
    const products = await this.gpusHttp.request({
      operation: "list serverless GPU products",
      method: "GET",
      path: "/products",
      query: { type: "gpu", category: "serverless" },
      schema: wireServerlessProductList,
    });
    return products.map(toServerlessProduct);
  }

  async load(): Promise<GpuCatalog> {
    let serverlessProblem: string;
    try {
      return { products: await this.listServerlessProducts(), source: "serverless", notice: undefined };
    } catch (error) {
      serverlessProblem = problemOf(error);
    }
    try {
      const products = await this.management.listInstanceProducts();
      return {
        products,
        source: "instance",
        notice:
          `Novita's serverless GPU list (GPU API v2) did not answer: ${serverlessProblem} ` +
          "These GPUs come from the GPU-instance list (v1) instead; serverless endpoints may refuse their ids. " +
          "If Novita refuses one, type the serverless product id instead.",
      };
    } catch (error) {
      return {
        products: [],
        source: "none",
        notice:
          `Neither of Novita's GPU lists answered (serverless list: ${serverlessProblem} ` +
          `GPU-instance list: ${problemOf(error)}) ` +
          "Type the serverless product id yourself; its price, and so the cost, is unknown.",
      };
    }
  }
}

function problemOf(error: unknown): string {
  if (isNovitaError(error)) return error.userMessage.endsWith(".") ? error.userMessage : `${error.userMessage}.`;
  return error instanceof Error ? `${error.message}.` : "unknown error.";
}
