/**
 * Values kept once per server process. Next.js loads a module once per route bundle, and again on every `next dev`
 * reload, so a module-level variable would exist several times over; these live on globalThis instead, under
 * `Symbol.for("novita-console.<key>")`, which every copy of every module finds.
 */
const holder = globalThis as unknown as Record<symbol, unknown>;

function symbolFor(key: string): symbol {
  return Symbol.for(`novita-console.${key}`);
}

/** The process's one value under `key`, made by `create` on first use (a value of `undefined` or `null` counts). */
export function processSingleton<T>(key: string, create: () => T): T {
  const symbol = symbolFor(key);
  if (!(symbol in holder)) holder[symbol] = create();
  return holder[symbol] as T;
}

/** Puts `value` in place of the process's value under `key` (e.g. a key stored in Settings, a new connection). */
export function replaceProcessSingleton<T>(key: string, value: T): void {
  holder[symbolFor(key)] = value;
}

/** Forgets the process's value under `key`, so that the next processSingleton call makes it again (tests). */
export function forgetProcessSingleton(key: string): void {
  delete holder[symbolFor(key)];
}

/** processSingleton for a promise that is forgotten if it rejects: the next call tries again instead of failing. */
export function processSingletonPromise<T>(key: string, create: () => Promise<T>): Promise<T> {
  return processSingleton(key, () => {
    const promise = create();
    promise.catch(() => {
      if (holder[symbolFor(key)] === promise) forgetProcessSingleton(key);
    });
    return promise;
  });
}
