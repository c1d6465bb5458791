/**
 * One bad input as an HTTP request to one door, as one caller. A route's dynamic segments get nasty ids; a GET's
 * input goes into its query string; a POST's into its body under one of several content types. An action's input
 * is its argument, sent the way React's `encodeReply` would (a text/plain JSON array, or multipart with the root in
 * field "0") — or not: the bare value, broken text, extra arguments.
 */
import type { ActionDoor, Door, RouteDoor } from "./doors";
import { encode, NASTY_IDS } from "./corpus";
import type { Caller } from "./world";

export interface Input {
  /** The JSON text of the value (or a text that is not JSON at all). */
  text: string;
  /** Picks the path ids and the body's shape, so every door sees every shape. */
  variant: number;
}

const QUERY_KEYS = ["q", "status", "endpoint", "cursor", "limit", "page", "sort", "tab", "from", "to", "id", "format"];

function fillPath(door: RouteDoor, input: Input): string {
  let index = input.variant;
  const next = () => NASTY_IDS[index++ % NASTY_IDS.length];
  const parts = door.segments.map((segment) => {
    if (segment.startsWith("[...")) return [next(), next()].slice(0, 1 + (input.variant % 2)).join("/");
    if (segment.startsWith("[")) return input.variant % 5 === 4 ? encode(input.text.slice(0, 2_000)) : next();
    return segment;
  });
  return `/${parts.join("/")}`;
}

function query(input: Input): string {
  const key = QUERY_KEYS[input.variant % QUERY_KEYS.length];
  // A huge text makes a URL over Node's 16 KiB head (431); the rest stay short enough that a redirect repeating the
  // query twice (Location and Refresh, e.g. Next's trailing-slash 308) stays under the client's own 16 KiB limit.
  const value = input.text.slice(0, input.text.length >= 20_000 ? 20_000 : 6_000);
  const pairs = [`${key}=${encode(value)}`];
  if (input.variant % 3 === 0) pairs.push(`__proto__[admin]=1&constructor[prototype][admin]=1`, `${key}=x`);
  return `?${pairs.join("&")}`;
}

function routeBody(input: Input): { body?: BodyInit; type?: string } {
  switch (input.variant % 6) {
    case 0:
    case 1:
      return { body: input.text, type: "application/json" };
    case 2:
      return { body: input.text, type: "text/plain" };
    case 3:
      return {
        body: `input=${encode(input.text.slice(0, 100_000))}&__proto__[x]=1`,
        type: "application/x-www-form-urlencoded",
      };
    case 4: {
      const form = new FormData();
      form.set("input", input.text);
      form.set("file", new Blob([input.text.slice(0, 1_000)]), "../../x.png");
      return { body: form };
    }
    default:
      return { body: input.text };
  }
}

function actionBody(input: Input): { body: BodyInit; type?: string } {
  switch (input.variant % 8) {
    case 5:
      return { body: input.text, type: "text/plain;charset=UTF-8" };
    case 6: {
      const form = new FormData();
      form.set("0", `[${input.text}]`);
      form.set("1", input.text.slice(0, 1_000));
      return { body: form };
    }
    case 7:
      return { body: `[${input.text},${input.text.slice(0, 1_000) || "1"}]`, type: "text/plain;charset=UTF-8" };
    default:
      return { body: `[${input.text}]`, type: "text/plain;charset=UTF-8" };
  }
}

/** What React's decoder makes of the inline markers in a JSON value (the rest of the `$` strings stay as they are). */
function decodeMarkers(value: unknown): unknown {
  if (typeof value === "string" && value.startsWith("$")) {
    const inline: Record<string, unknown> = {
      $undefined: undefined,
      $NaN: NaN,
      $Infinity: Infinity,
      "$-Infinity": -Infinity,
      "$-0": -0,
    };
    if (value in inline) return inline[value];
    if (value.startsWith("$$")) return value.slice(1);
    if (value.startsWith("$D")) return new Date(value.slice(2));
    return value;
  }
  if (Array.isArray(value)) return value.map(decodeMarkers);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, decodeMarkers(inner)]));
  }
  return value;
}

/** The arguments an action would be called with for this input, if its body decodes at all (undefined: it does not). */
export function actionArguments(input: Input): unknown[] | undefined {
  let value: unknown;
  try {
    value = decodeMarkers(JSON.parse(input.text));
  } catch {
    return undefined;
  }
  if (input.variant % 8 === 5) return Array.isArray(value) ? value : undefined;
  return [value];
}

export function requestFor(
  baseURL: string,
  door: Door,
  input: Input,
  caller: Caller,
): { url: string; init: RequestInit } {
  const headers: Record<string, string> = { ...caller.headers };
  if (door.kind === "action") return actionRequest(baseURL, door, input, headers);
  const url = baseURL + fillPath(door, input) + (door.method === "GET" || door.method === "HEAD" ? query(input) : "");
  if (door.method === "GET" || door.method === "HEAD") return { url, init: { method: door.method, headers } };
  const { body, type } = routeBody(input);
  if (type) headers["content-type"] = type;
  return { url, init: { method: door.method, headers, body } };
}

function actionRequest(baseURL: string, door: ActionDoor, input: Input, headers: Record<string, string>) {
  const { body, type } = actionBody(input);
  headers["next-action"] = door.id;
  headers.accept = "text/x-component";
  if (type) headers["content-type"] = type;
  return { url: baseURL + door.path, init: { method: "POST", headers, body } };
}
