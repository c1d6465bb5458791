import "server-only";
import { describeNovitaFailure } from "@/lib/endpoints/form";
import { DatabaseUnavailable, noteDatabaseFailure } from "@/lib/db/availability";
import { ConsoleError, errorResponse, isConsoleError } from "@/lib/errors";
import { isNovitaError } from "@/lib/novita/errors";

/**
 * The one mapping of expected failures, used by `guardedAction` and `guardRoute`: a `ConsoleError` as it is; a
 * `NovitaError` in Novita's words, on the form field it blamed (`describeNovitaFailure`), as `not_found` or
 * `upstream`; the database missing as `unavailable` (503). Anything else is not expected: undefined (the caller logs it, or lets Next answer 500).
 */
export function toConsoleError(error: unknown): ConsoleError | undefined {
  if (isConsoleError(error)) return error;
  if (noteDatabaseFailure(error)) return new DatabaseUnavailable();
  if (isNovitaError(error)) {
    const { message, fields } = describeNovitaFailure(error);
    return new ConsoleError(error.kind === "not_found" ? "not_found" : "upstream", message, fields);
  }
  return undefined;
}

/** A route handler's error answer (`{ error: { code, message, fields? } }`); an unexpected error is rethrown. */
export function apiError(error: unknown): Response {
  const expected = toConsoleError(error);
  if (!expected) throw error;
  return errorResponse(expected);
}
