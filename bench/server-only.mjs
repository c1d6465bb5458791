/**
 * Preload for the benches that import server modules (`tsx --import ./bench/server-only.mjs`): `server-only` resolves
 * to its empty export, as in Next's server bundle (vitest aliases it to tests/support/empty-module.ts). The package's
 * `react-server` condition would do the same, but that condition also swaps React for its server build, which
 * next/navigation cannot load outside Next. tsx compiles the project's .ts files to CommonJS, so the hook is on
 * require's resolution.
 */
import Module, { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const empty = path.join(path.dirname(require.resolve("server-only")), "empty.js");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "server-only" ? empty : resolve.call(this, request, ...rest);
};
