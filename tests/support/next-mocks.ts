/**
 * What the action and route tests (tests/unit) put in place of the modules that need a running Next.js server or a
 * signed-in browser: the session lookup and the database handle, both answered from `mocked`, and Next's
 * request-scoped `next/headers` and `next/cache`. `vi.mock` calls are hoisted above the imports, so each test file
 * keeps its own calls and reaches these factories through `vi.hoisted`:
 *
 *   const { mocked, ...mocks } = await vi.hoisted(() => import("@/tests/support/next-mocks"));
 *   vi.mock("@/lib/auth/session", mocks.sessionModule);
 *   vi.mock("@/lib/db/client", mocks.databaseModule);
 *   vi.mock("next/headers", mocks.nextHeadersModule);
 *   vi.mock("next/cache", mocks.nextCacheModule);
 *
 * Only types are imported here: this module loads before the mocks are in place.
 */
import type { SessionUser } from "@/lib/auth/session";

type ImportOriginal = <T>() => Promise<T>;

/** What the replaced modules answer: the signed-in person, the database, the request's headers. */
export const mocked = {
  user: null as SessionUser | null,
  db: undefined as unknown,
  requestHeaders: new Headers() as HeadersInit,
};

/** `@/lib/auth/session` with getCurrentUser answering `mocked.user`. */
export async function sessionModule(importOriginal: ImportOriginal) {
  return { ...(await importOriginal<object>()), getCurrentUser: async () => mocked.user };
}

/** `@/lib/db/client` with getDb answering `mocked.db`. */
export async function databaseModule(importOriginal: ImportOriginal) {
  return { ...(await importOriginal<object>()), getDb: async () => mocked.db };
}

/** `next/headers`: a copy of `mocked.requestHeaders` per call, and a cookie jar that is always empty. */
export function nextHeadersModule() {
  return {
    headers: async () => new Headers(mocked.requestHeaders),
    cookies: async () => ({
      get: () => undefined,
      getAll: () => [],
      set: () => {},
      delete: () => {},
      has: () => false,
    }),
  };
}

/** `next/cache`: revalidation does nothing outside a Next.js server. */
export function nextCacheModule() {
  return { revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} };
}
