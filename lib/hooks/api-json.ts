/** Reading the console's own `GET /api/...` routes from the browser: one fetch, one error type, one URL builder. */

/**
 * A failed read of our own API, carrying the sentence and the code the route handler wrote (status 0 and code
 * "network": no answer at all).
 */
export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string = "unknown",
  ) {
    super(message);
    this.name = "ConsoleApiError";
  }
}

export async function getApiJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    const message = "The console server did not answer. Check that it is running and your network.";
    throw new ConsoleApiError(message, 0, "network");
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ConsoleApiError(
      error?.message ?? `The console answered ${response.status}.`,
      response.status,
      error?.code,
    );
  }
  return body as T;
}

/** A route's query parameters; unset and empty ones stay out of the URL. */
export type ApiParams = Record<string, string | number | boolean | undefined>;

/** `path?key=value…`, leaving out unset and empty values. */
export function apiUrl(path: string, params: ApiParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
