/**
 * The checks proxy.ts makes on a server-action request before Next decodes it. Next answers 500 to a request from
 * another site, and to any body React's reply decoder cannot read (not JSON, not an argument list, a reference to a
 * part that is not there, nesting deep enough to overflow its stack, a `BigInt` that is not a number). Those are the
 * caller's mistakes, so they are refused here with a 4xx in the console's error shape. Browser-safe, no imports
 * beyond lib/errors: proxy.ts bundles it.
 *
 * The console's own pages call every action with plain values (lib/hooks/use-action*), which React encodes as one
 * JSON text: strings that start with `$` escaped as `$$`, and a few inline markers (`$undefined`, `$D…` dates, `$n…`
 * bigints, `$NaN`, `$Infinity`, `$-Infinity`, `$-0`, and `$0:path` for an object that appears twice). A multipart
 * body (Blobs, Maps, Sets, streams, server references) is never sent by the console, so it is refused.
 */
import { ConsoleError } from "@/lib/errors";

/** Next's own cap on the argument count (`SERVER_ACTION_ARGS_LIMIT`). */
export const MAX_ACTION_ARGUMENTS = 1_000;
/** Far deeper than any form or workflow graph, far shallower than what overflows the decoder. */
export const MAX_ACTION_DEPTH = 200;

const INLINE_MARKERS = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);

/** Next's host matching for `serverActions.allowedOrigins`: exact, or `*.` / `**.` wildcards for subdomains. */
export function originAllowed(originHost: string, allowed: string[]): boolean {
  const origin = originHost.toLowerCase();
  return allowed.some((pattern) => {
    const wanted = pattern.toLowerCase();
    if (!wanted) return false;
    if (wanted === origin) return true;
    if (wanted.startsWith("**.")) return origin.endsWith(wanted.slice(2)) && origin.length > wanted.length - 2;
    if (wanted.startsWith("*.")) {
      const rest = wanted.slice(2);
      return origin.endsWith(`.${rest}`) && !origin.slice(0, -rest.length - 1).includes(".");
    }
    return false;
  });
}

/**
 * The action's Origin must be the host it was sent to (`x-forwarded-host`, else `Host`, as Next compares) or an
 * allowed one. No Origin at all is let through, as Next does: a hand-made request carries no one else's cookie.
 */
export function checkActionOrigin(request: Request, allowed: string[]): ConsoleError | undefined {
  const { headers } = request;
  const origin = headers.get("origin");
  if (origin === null) return undefined;
  const named = headers.get("x-forwarded-host") ?? headers.get("host") ?? new URL(request.url).host;
  const host = (named.split(",")[0] ?? "").trim().toLowerCase();
  const originHost = origin === "null" || !URL.canParse(origin) ? "null" : new URL(origin).host.toLowerCase();
  if (originHost === host || originAllowed(originHost, allowed)) return undefined;
  return new ConsoleError("forbidden", "Server actions are accepted from this console's own pages only.");
}

const refused = (why: string) => new ConsoleError("invalid", `Not a server-action request this console sends: ${why}.`);

/** A `$0:a:b` reference must name an object or array inside the root, through own keys only. */
function resolvesInRoot(root: unknown, reference: string): boolean {
  const [row, ...path] = reference.slice(1).split(":");
  if (row !== "0") return false;
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== null && typeof node === "object";
}

function stringProblem(root: unknown, value: string): string | undefined {
  if (!value.startsWith("$") || value.startsWith("$$") || INLINE_MARKERS.has(value)) return undefined;
  if (value.startsWith("$D")) return undefined;
  if (value.startsWith("$n")) return /^\$n-?\d{1,400}$/.test(value) ? undefined : "a BigInt that is not a number";
  if (/^\$0(:[^:]*)*$/.test(value) && resolvesInRoot(root, value)) return undefined;
  return `a reference (${value.slice(0, 12)}) to a part that is not in the request`;
}

/** Walks the parsed body without recursion: depth, and every string React would read as a marker. */
function valueProblem(root: unknown): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (typeof value === "string") {
      const problem = stringProblem(root, value);
      if (problem) return problem;
    } else if (value !== null && typeof value === "object") {
      if (depth >= MAX_ACTION_DEPTH) return `nesting deeper than ${MAX_ACTION_DEPTH}`;
      // Keys are not markers (React escapes values only): a graph may well have a "$x" key.
      for (const inner of Object.values(value)) stack.push({ value: inner, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The body of a fetch action (`Next-Action` set): what React's decoder can read, or the refusal. */
export function checkActionBody(contentType: string | null, body: string): ConsoleError | undefined {
  if (contentType?.toLowerCase().startsWith("multipart/form-data")) return refused("a multipart body");
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return refused("the body is not JSON");
  }
  if (!Array.isArray(root)) return refused("the body is not a list of arguments");
  if (root.length > MAX_ACTION_ARGUMENTS) return refused(`more than ${MAX_ACTION_ARGUMENTS} arguments`);
  const problem = valueProblem(root);
  return problem ? refused(problem) : undefined;
}
