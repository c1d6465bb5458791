import { describe, expect, it } from "vitest";
import type { EndpointView } from "@/lib/endpoints/service";
import { filterEndpoints, parseStatusFilter } from "./filter";

function view(id: string, name: string, state: string): EndpointView {
  return { endpoint: { id, spec: { name }, status: { state, error: "", message: "" } } } as unknown as EndpointView;
}

const views = [
  view("ep-1", "Flux portraits", "serving"),
  view("ep-2", "sdxl-batch", "starting"),
  view("ep-3", "broken", "failed"),
];

describe("filterEndpoints", () => {
  it("matches name or id, ignoring case and surrounding spaces", () => {
    expect(filterEndpoints(views, "  FLUX ", "all").map((entry) => entry.endpoint.id)).toEqual(["ep-1"]);
    expect(filterEndpoints(views, "ep-2", "all").map((entry) => entry.endpoint.id)).toEqual(["ep-2"]);
  });

  it("filters by status group; failed and unknown states count as other", () => {
    expect(filterEndpoints(views, "", "serving").map((entry) => entry.endpoint.id)).toEqual(["ep-1"]);
    expect(filterEndpoints(views, "", "starting").map((entry) => entry.endpoint.id)).toEqual(["ep-2"]);
    expect(filterEndpoints(views, "", "other").map((entry) => entry.endpoint.id)).toEqual(["ep-3"]);
    expect(filterEndpoints(views, "flux", "other")).toEqual([]);
  });

  it("reads an unknown ?status= as all", () => {
    expect(parseStatusFilter("serving")).toBe("serving");
    expect(parseStatusFilter("bogus")).toBe("all");
    expect(parseStatusFilter(null)).toBe("all");
  });
});
