// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { withNuqsTestingAdapter, type UrlUpdateEvent } from "nuqs/adapters/testing";
import { describe, expect, it, vi } from "vitest";
import { useJobFilters } from "./use-job-filters";

const localDay = (day: string, time: string) => new Date(`${day}T${time}`).toISOString();

function render(searchParams: string) {
  const onUrlUpdate = vi.fn<(event: UrlUpdateEvent) => void>();
  const hook = renderHook(() => useJobFilters("user-1"), {
    wrapper: withNuqsTestingAdapter({ searchParams, onUrlUpdate, hasMemory: true }),
  });
  return { ...hook, onUrlUpdate };
}

describe("useJobFilters", () => {
  it("reads a shared link (?group=&endpoint=&q=&from=&to=&mine=1) into the API's filters", () => {
    const { result } = render("?group=queued&endpoint=ep-1&q=%20cat%20&from=2024-03-01&to=2024-03-02&mine=1");
    expect(result.current.params).toEqual({
      group: "queued",
      endpoint: "ep-1",
      q: " cat ",
      from: "2024-03-01",
      to: "2024-03-02",
      mine: true,
    });
    expect(result.current.listFilters).toMatchObject({
      group: "queued",
      endpoint: "ep-1",
      q: "cat",
      submitter: "user-1",
      from: localDay("2024-03-01", "00:00:00.000"),
      to: localDay("2024-03-02", "23:59:59.999"),
    });
    expect(result.current.baseFilters).not.toHaveProperty("group", expect.anything());
    expect(result.current.filtered).toBe(true);
  });

  it("reads what it does not know as no filter", () => {
    const { result } = render("?group=nonsense&mine=yes&from=yesterday&endpoint=&q=%20");
    expect(result.current.params).toEqual({ group: null, endpoint: null, q: " ", from: null, to: null, mine: false });
    expect(JSON.parse(JSON.stringify(result.current.listFilters))).toEqual({});
    expect(result.current.filtered).toBe(false);
  });

  it("writes the same names and values back, replacing the history entry, and drops what is cleared", async () => {
    const { result, onUrlUpdate } = render("?group=failed");
    await act(async () => result.current.setFilters({ mine: true, endpoint: "ep-2" }));
    const event = onUrlUpdate.mock.lastCall![0];
    expect(event.queryString).toBe("?group=failed&mine=1&endpoint=ep-2");
    expect(event.options).toMatchObject({ history: "replace", shallow: true });

    await act(async () => result.current.setFilters({ mine: false }));
    expect(onUrlUpdate.mock.lastCall![0].queryString).toBe("?group=failed&endpoint=ep-2");
  });

  it("Clear filters keeps the status tab", async () => {
    const { result, onUrlUpdate } = render("?group=running&q=cat&mine=1&from=2024-03-01");
    await act(async () => result.current.clearFilters());
    expect(onUrlUpdate.mock.lastCall![0].queryString).toBe("?group=running");
    expect(result.current.filtered).toBe(false);
  });
});
