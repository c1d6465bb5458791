// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { withNuqsTestingAdapter, type UrlUpdateEvent } from "nuqs/adapters/testing";
import { describe, expect, it, vi } from "vitest";
import { useGalleryFilters } from "./use-gallery-filters";

function render(searchParams: string, fixedWorkflowId?: string) {
  const onUrlUpdate = vi.fn<(event: UrlUpdateEvent) => void>();
  const hook = renderHook(() => useGalleryFilters(fixedWorkflowId), {
    wrapper: withNuqsTestingAdapter({ searchParams, onUrlUpdate, hasMemory: true }),
  });
  return { ...hook, onUrlUpdate };
}

describe("useGalleryFilters", () => {
  it("reads ?endpoint=&workflow=&q=&favourites=1 into the API's filters", () => {
    const { result } = render("?endpoint=ep-1&workflow=wf-1&q=red%20apple&favourites=1");
    expect(JSON.parse(JSON.stringify(result.current.filters))).toEqual({
      endpoint: "ep-1",
      workflow: "wf-1",
      q: "red apple",
      favourites: "1",
    });
    expect(result.current.filtered).toBe(true);
  });

  it("toggles favourites as favourites=1, and Clear filters empties the URL", async () => {
    const { result, onUrlUpdate } = render("?endpoint=ep-1");
    await act(async () => result.current.setFilters({ favourites: true }));
    expect(onUrlUpdate.mock.lastCall![0].queryString).toBe("?endpoint=ep-1&favourites=1");
    await act(async () => result.current.clearFilters());
    expect(onUrlUpdate.mock.lastCall![0].queryString).toBe("");
  });

  it("a gallery for one workflow keeps it fixed: the URL cannot change it, and it does not count as a filter", () => {
    const { result } = render("?workflow=other", "wf-1");
    expect(result.current.params.workflow).toBe("wf-1");
    expect(result.current.filters.workflow).toBe("wf-1");
    expect(result.current.filtered).toBe(false);
  });
});
