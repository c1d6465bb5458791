import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ROOT = import.meta.dirname;

/** An import's target as a repo path (`lib/db/schema`), or undefined for a package. */
function repoPath(source, filename) {
  if (source.startsWith("@/")) return source.slice(2);
  if (source.startsWith("."))
    return path
      .relative(ROOT, path.resolve(path.dirname(filename), source))
      .split(path.sep)
      .join("/");
  return undefined;
}

/**
 * The house's own rules. `no-db-in-client`: a module that starts with "use client" must not import lib/db — not
 * even a type (it drags drizzle and the schema towards the browser bundle, and says the component knows tables).
 */
const house = {
  rules: {
    "no-db-in-client": {
      meta: {
        type: "problem",
        schema: [],
        messages: {
          db:
            'A "use client" module must not import {{source}}: ' +
            "move what it needs to a browser-safe file (e.g. lib/auth/roles.ts).",
        },
      },
      create(context) {
        const isClient = context.sourceCode.ast.body.some(
          (statement) => statement.type === "ExpressionStatement" && statement.directive === "use client",
        );
        if (!isClient) return {};
        const check = (node) => {
          const source = node.source?.type === "Literal" ? node.source.value : undefined;
          if (typeof source !== "string") return;
          const target = repoPath(source, context.filename);
          if (target && /^lib\/db(\/|$)/.test(target))
            context.report({ node: node.source, messageId: "db", data: { source } });
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        };
      },
    },
  },
};

const UPWARD =
  "Imports run app/ → components/ → lib/: nothing here imports from app/ " +
  "(server actions live in lib/<domain>/actions.ts).";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["components/**/*.{ts,tsx,js,jsx,mjs}", "lib/**/*.{ts,tsx,js,jsx,mjs}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^@/app(/|$)", message: UPWARD },
            { regex: "^(\\.\\./)+app(/|$)", message: UPWARD },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{ts,tsx,js,jsx,mjs}"],
    plugins: { house },
    rules: { "house/no-db-in-client": "error" },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "data/**",
    ".test-data/**",
    "test-results/**",
    "playwright-report/**",
    "lib/db/migrations/**",
    "next-env.d.ts",
  ]),
]);
