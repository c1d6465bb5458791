/** A scripted stand-in for `fetch`, for this client's unit tests: records each call, answers in turn. */
import type { FetchFunction } from "./http";

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** What one call gets: a response, a thrown error, or "hang until the request's signal aborts". */
export type ScriptedAnswer = Response | Error | "hang";

export interface FakeFetch extends FetchFunction {
  calls: RecordedCall[];
}

/** Answers calls in order; the last answer repeats once the script runs out. */
export function fakeFetch(...script: ScriptedAnswer[]): FakeFetch {
  const calls: RecordedCall[] = [];
  const fake = async (url: string, init: RequestInit): Promise<Response> => {
    calls.push({
      url,
      method: init.method ?? "GET",
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === "string" ? init.body : undefined,
    });
    const answer = script[Math.min(calls.length, script.length) - 1];
    if (answer === undefined) throw new Error("fakeFetch has no scripted answer");
    if (answer === "hang") return hangUntilAborted(init.signal);
    if (answer instanceof Error) throw answer;
    return answer.clone();
  };
  return Object.assign(fake, { calls });
}

function hangUntilAborted(signal: AbortSignal | null | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export function empty(status = 204): Response {
  return new Response(null, { status });
}

/** What Node's fetch throws when the connection is refused. */
export function connectionRefused(): TypeError {
  const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8790"), { code: "ECONNREFUSED" });
  return new TypeError("fetch failed", { cause });
}

/** A fetch failure that could have happened after the request was sent (e.g. the socket closed mid-answer). */
export function socketClosed(): TypeError {
  const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
  return new TypeError("fetch failed", { cause });
}
