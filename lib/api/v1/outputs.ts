/** `/api/v1/outputs`: the gallery's pages and the archived files, as `/api/outputs` serves them. */
import "server-only";
import { ok } from "@/lib/actions/result";
import { getDb } from "@/lib/db/client";
import { loadOutputPage } from "@/lib/outputs/gallery";
import { outputListQuerySchema } from "@/lib/outputs/query";
import { serveOutput } from "@/lib/outputs/serve";
import { getOutputStore } from "@/lib/outputs/process";
import { apiRoute } from "./route";
import { idParamsSchema, outputPageSchema } from "./schemas";

/** `GET /api/v1/outputs`. */
export const listOutputsOperation = apiRoute(
  {
    method: "GET",
    path: "/api/v1/outputs",
    operationId: "listOutputs",
    tag: "Outputs",
    summary: "List outputs",
    description:
      "Archived outputs (images, GIFs, videos) newest first, with the gallery's filters; `q` finds words in the " +
      "job's input. Page with `after` = the previous page's `next`.",
    role: "viewer",
    query: outputListQuerySchema,
    response: { description: "A page of outputs.", schema: outputPageSchema },
  },
  async ({ query, caller }) => ok(await loadOutputPage(await getDb(), query, caller.user.id)),
);

/** `GET /api/v1/outputs/{id}/download`. */
export const downloadOutputOperation = apiRoute(
  {
    method: "GET",
    path: "/api/v1/outputs/{id}/download",
    operationId: "downloadOutput",
    tag: "Outputs",
    summary: "Download an output",
    description: "The archived original as an attachment, with its type and file name; `Range` is supported.",
    role: "viewer",
    params: idParamsSchema,
    response: { description: "The file.", file: true },
    errors: { 404: "No such output." },
  },
  async ({ request, params }) => serveOutput(await getDb(), getOutputStore(), params.id, request, { download: true }),
);
