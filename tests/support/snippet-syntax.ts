/**
 * Syntax checks of generated snippets for the tests: JavaScript parsed as an async function body, Python by
 * `python3 -c "import ast; …"` when a Python is installed, curl's JSON body read back from its shell quotes.
 */
import { spawnSync } from "node:child_process";

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => unknown;

/** Throws a SyntaxError when `code` is not JavaScript (top-level await allowed). */
export function parseJavaScript(code: string): void {
  new AsyncFunction("process", code);
}

/** Whether `python3` runs here. */
export const hasPython = spawnSync("python3", ["--version"]).status === 0;

/** Python's parser's complaint about `code`, or "" when it parses. */
export function pythonSyntaxError(code: string): string {
  const result = spawnSync("python3", ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], { input: code });
  return result.status === 0 ? "" : String(result.stderr);
}

/** The text of curl's `-d '…'` argument, its `'\''` escapes undone. */
export function curlBody(curl: string): string | undefined {
  const match = /-d '((?:[^']|'\\'')*)'/.exec(curl);
  return match?.[1]?.replaceAll(`'\\''`, "'");
}
