import { expect } from "vitest";
import { NovitaError } from "@/lib/novita/errors";

/** The NovitaError a call fails with; the test fails if the call succeeds or fails with anything else. */
export async function novitaFailure(promise: Promise<unknown>): Promise<NovitaError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NovitaError);
  return error as NovitaError;
}
