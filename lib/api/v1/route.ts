import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { fieldErrors } from "@/lib/actions/define";
import type { ActionResult } from "@/lib/actions/result";
import { toConsoleError } from "@/lib/api/errors";
import { API_BODY_LIMIT_BYTES, readJsonBody } from "@/lib/api/body";
import { invalidPathParams, parseQuery } from "@/lib/api/query";
import { hasRole, type Role } from "@/lib/auth/roles";
import { ConsoleError, errorResponse } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { apiCallerOf, isSameOriginWrite, type ApiCaller } from "./caller";
import { API_RATE, apiRateLimiter } from "./rate-limit";

/** One documented answer of an operation: a JSON schema (registered in lib/api/v1/schemas.ts) or a file. */
export interface ApiResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** A file (the output download) instead of JSON. */
  file?: true;
}

/** Everything about one `/api/v1` operation: what the wrapper enforces and what the OpenAPI document says. */
export interface ApiOperationSpec {
  method: "GET" | "POST";
  /** The OpenAPI path, e.g. `/api/v1/jobs/{id}`; its route file is app/api/v1/jobs/[id]/route.ts. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  role: Role;
  /** Path parameters (`{id}`), query and JSON body, each a zod schema: parsed here, documented from the same. */
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** An empty body is allowed (parsed as `{}`). */
  bodyOptional?: boolean;
  /** The success answer (status 200). */
  response: ApiResponseSpec;
  /** Expected failures besides the ones every operation has (400, 401, 403, 429). */
  errors?: Partial<Record<404 | 409 | 502, string>>;
  /** The gateway's calls: their errors have Novita's shape, not the console's, and only a token opens them. */
  gateway?: { errorSchema: z.ZodType };
}

/** What a handler gets: the caller and the parsed parts of the request. */
export interface ApiContext<Params, Query, Body> {
  request: Request;
  caller: ApiCaller;
  params: Params;
  query: Query;
  body: Body;
}

type Out<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/** A route file's handler (`export const GET = operation.handler`). */
export type RouteHandler = (request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>;

/** A defined operation: its spec (for the OpenAPI document) and its route handler. */
export interface ApiOperation {
  spec: ApiOperationSpec;
  handler: RouteHandler;
}

const JSON_HEADERS = { "cache-control": "no-store" };

function refusal(code: "unauthenticated" | "forbidden", message: string) {
  return errorResponse(new ConsoleError(code, message));
}

function invalid(error: z.ZodError, prefix = ""): ConsoleError {
  const fields = Object.fromEntries(Object.entries(fieldErrors(error)).map(([key, value]) => [prefix + key, value]));
  const message = Object.entries(fields)
    .map(([field, problem]) => `${field}: ${problem}`)
    .join(" ");
  return new ConsoleError("invalid", message, fields);
}

/** The JSON answer of a handler's result: the data with 200, or the error with its code's status. */
function answer(result: Response | ActionResult<unknown>): Response {
  if (result instanceof Response) return result;
  if (result.ok) return Response.json(result.data, { headers: JSON_HEADERS });
  return errorResponse(new ConsoleError(result.error.code, result.error.message, result.error.fields));
}

/**
 * Defines an `/api/v1` operation. In this order, each step answering in the console's error shape
 * (`{ error: { code, message, fields? } }`) and nothing running for a refused request: the caller (console token,
 * or the console's session; 401), the role (403), for a session's write its same origin (403), the caller's rate
 * (429 with `Retry-After`), path, query and body against their zod schemas (400 `invalid` with `fields`; a body
 * over 4 MiB is a 400 naming the limit). Writes go through `runCommand`, which writes the one audit row.
 */
export function apiRoute<
  Params extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Answer extends z.ZodType = z.ZodType,
>(
  spec: Omit<ApiOperationSpec, "params" | "query" | "body" | "response"> & {
    params?: Params;
    query?: Query;
    body?: Body;
    response: { description: string; schema?: Answer; file?: true };
  },
  // The answer must fit its documented schema: the document cannot drift from what the code answers.
  handler: (
    context: ApiContext<Out<Params>, Out<Query>, Out<Body>>,
  ) => Promise<Response | ActionResult<NoInfer<z.input<Answer>>>>,
): ApiOperation {
  const run: RouteHandler = async (request, context) => {
    let caller: Awaited<ReturnType<typeof apiCallerOf>>;
    try {
      caller = await apiCallerOf(request);
    } catch (error) {
      const expected = toConsoleError(error);
      if (expected) return errorResponse(expected);
      throw error;
    }
    if (!caller) {
      return refusal(
        "unauthenticated",
        "Missing, unknown, revoked or expired console token: send Authorization: Bearer <token> " +
          "(Settings → API tokens).",
      );
    }
    if (!hasRole(caller.user.role, spec.role)) {
      const who = caller.token ? "the token acts as" : "you are";
      return refusal("forbidden", `This needs the ${spec.role} role; ${who} ${caller.user.role}.`);
    }
    if (spec.method !== "GET" && !caller.token && !isSameOriginWrite(request)) {
      return refusal("forbidden", "A signed-in session writes only from the console's own pages; use a console token.");
    }
    const rate = apiRateLimiter().take(caller.token ? `token:${caller.token.id}` : `user:${caller.user.id}`);
    if (!rate.allowed) {
      const response = errorResponse(
        new ConsoleError(
          "rate_limited",
          `Over ${API_RATE.perSecond} requests a second (bursts of ${API_RATE.burst}) for this ` +
            `${caller.token ? "token" : "session"}: retry after ${rate.retryAfterSeconds} s.`,
        ),
      );
      response.headers.set("retry-after", String(rate.retryAfterSeconds));
      return response;
    }
    try {
      const rawParams = (await context?.params) ?? {};
      const badParams = invalidPathParams(rawParams);
      if (badParams) return badParams;
      const params = spec.params?.safeParse(rawParams);
      if (params && !params.success) throw invalid(params.error);
      const query = spec.query ? parseQuery(spec.query, new URL(request.url).searchParams) : undefined;
      if (query && !query.ok) return query.response;
      let body: unknown;
      if (spec.body) {
        const raw = await readJsonBody(request, API_BODY_LIMIT_BYTES, { allowEmpty: spec.bodyOptional });
        const parsed = spec.body.safeParse(raw ?? {});
        if (!parsed.success) throw invalid(parsed.error);
        body = parsed.data;
      }
      const parts = { request, caller, params: params?.data, query: query?.data, body };
      return answer(await handler(parts as ApiContext<Out<Params>, Out<Query>, Out<Body>>));
    } catch (error) {
      unstable_rethrow(error);
      const expected = toConsoleError(error);
      if (expected) return errorResponse(expected);
      logger.error({ err: error, userId: caller.user.id, operation: spec.operationId }, "api operation failed");
      return errorResponse(
        new ConsoleError(
          "internal",
          "Something went wrong on the server. Try again; if it keeps happening, check the server log.",
        ),
      );
    }
  };
  return { spec, handler: run };
}
