// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/result";
import { UNREACHABLE_MESSAGE, useAction } from "./use-action";

describe("useAction", () => {
  it("passes the data to onSuccess and clears pending", async () => {
    const onSuccess = vi.fn();
    const action = vi.fn(async (n: number): Promise<ActionResult<number>> => ({ ok: true, data: n * 2 }));
    const { result } = renderHook(() => useAction(action, { onSuccess }));
    let answer: ActionResult<number> | undefined;
    await act(async () => {
      answer = await result.current.run(21);
    });
    expect(answer).toEqual({ ok: true, data: 42 });
    expect(onSuccess).toHaveBeenCalledWith(42, 21);
    expect(result.current.pending).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it("keeps an expected failure as error until reset", async () => {
    const onError = vi.fn();
    const failure = { code: "forbidden" as const, message: "Only admins may do this." };
    const { result } = renderHook(() => useAction(async () => ({ ok: false, error: failure }), { onError }));
    await act(async () => {
      await result.current.run(undefined);
    });
    expect(result.current.error).toEqual(failure);
    expect(onError).toHaveBeenCalledWith(failure, undefined);
    act(() => result.current.reset());
    expect(result.current.error).toBeNull();
  });

  it("turns a call that throws into an internal error with the unreachable message", async () => {
    const { result } = renderHook(() =>
      useAction(async (): Promise<ActionResult> => {
        throw new TypeError("Failed to fetch");
      }),
    );
    await act(async () => {
      await result.current.run(undefined);
    });
    expect(result.current.error).toEqual({ code: "internal", message: UNREACHABLE_MESSAGE });
  });
});
