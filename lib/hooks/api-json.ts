/** Reading the console's own `GET /api/...` routes from the browser: one fetch, one error type, one URL builder. */

/** A failed read of our own API, carrying the sentence the route handler wrote (status 0: no answer at all). */
export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
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
    throw new ConsoleApiError("The console server did not answer. Check that it is running and your network.", 0);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | undefined)?.error?.message;
    throw new ConsoleApiError(message ?? `The console answered ${response.status}.`, response.status);
  }
  return body as T;
}

/** `path?key=value…`, leaving out unset and empty values. */
export function apiUrl(path: string, params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
