/** `/api/v1/endpoints`: the views the Endpoints pages read (`/api/endpoints`), shared reads included. */
import "server-only";
import { ok } from "@/lib/actions/result";
import { sharedEndpointView, sharedEndpointViews } from "@/lib/endpoints/shared-views";
import { apiRoute } from "./route";
import { endpointListSchema, endpointViewSchema, idParamsSchema } from "./schemas";

/** `GET /api/v1/endpoints`. */
export const listEndpointsOperation = apiRoute(
  {
    method: "GET",
    path: "/api/v1/endpoints",
    operationId: "listEndpoints",
    tag: "Endpoints",
    summary: "List endpoints",
    description:
      "Every endpoint of the team's Novita account with its state, health, cost now and job route name. " +
      "Read from Novita at most every 5 s, however many callers ask.",
    role: "viewer",
    response: { description: "The endpoints.", schema: endpointListSchema },
    errors: { 502: "Novita did not answer or refused." },
  },
  async () => ok({ endpoints: await sharedEndpointViews() }),
);

/** `GET /api/v1/endpoints/{id}`. */
export const getEndpointOperation = apiRoute(
  {
    method: "GET",
    path: "/api/v1/endpoints/{id}",
    operationId: "getEndpoint",
    tag: "Endpoints",
    summary: "Get an endpoint",
    description: "One endpoint as its page shows it (read from Novita at most every 3 s).",
    role: "viewer",
    params: idParamsSchema,
    response: { description: "The endpoint.", schema: endpointViewSchema },
    errors: { 404: "No such endpoint.", 502: "Novita did not answer or refused." },
  },
  async ({ params }) => ok(await sharedEndpointView(params.id)),
);
