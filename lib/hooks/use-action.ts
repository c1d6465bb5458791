"use client";

import { useCallback, useState, useTransition } from "react";
import type { ActionError, ActionResult } from "@/lib/actions/result";

/** What `useAction` shows when the call itself fails: the request never got an answer from the action. */
export const UNREACHABLE_MESSAGE =
  "The server could not be reached or refused the request. Reload the page and try again.";

export interface UseActionOptions<Input, Result> {
  /** After `ok: true`; awaited inside the transition, so `pending` lasts until it is done. */
  onSuccess?: (data: Result, input: Input) => void | Promise<void>;
  /** After `ok: false` (or an unreachable server); `error` is also set. */
  onError?: (error: ActionError, input: Input) => void;
  /** The message for a call that threw (network down, action gone after a deploy, refused by the proxy). */
  unreachableMessage?: string;
}

export interface UseActionState<Input, Result> {
  /** Calls the action; resolves to its result, or to an `internal` error result when the call threw. */
  run: (input: Input) => Promise<ActionResult<Result>>;
  pending: boolean;
  /** The last failure, until the next `run` or `reset`. */
  error: ActionError | null;
  reset: () => void;
}

/**
 * Calls a server action with pending / error / success state: the one way a component runs an action that is
 * not a whole form (forms use `useActionForm`). Expected failures arrive as values; a call that throws becomes an
 * `internal` error with `unreachableMessage`, so no component needs its own try/catch.
 */
export function useAction<Input, Result>(
  action: (input: Input) => Promise<ActionResult<Result>>,
  options: UseActionOptions<Input, Result> = {},
): UseActionState<Input, Result> {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const run = (input: Input) =>
    new Promise<ActionResult<Result>>((resolve) => {
      setError(null);
      startTransition(async () => {
        let result: ActionResult<Result>;
        try {
          result = await action(input);
        } catch {
          const message = options.unreachableMessage ?? UNREACHABLE_MESSAGE;
          result = { ok: false, error: { code: "internal", message } };
        }
        if (result.ok) await options.onSuccess?.(result.data, input);
        else {
          setError(result.error);
          options.onError?.(result.error, input);
        }
        resolve(result);
      });
    });

  const reset = useCallback(() => setError(null), []);
  return { run, pending, error, reset };
}
