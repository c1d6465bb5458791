import { describe, expect, it } from "vitest";
import { jobListQuerySchema, JOBS_PAGE_SIZE } from "@/lib/jobs/query";
import { OUTPUTS_PAGE_SIZE, outputListQuerySchema } from "@/lib/outputs/query";
import { keysetPaging } from "./query";

describe("keysetPaging", () => {
  const paging = keysetPaging(25);

  it("takes the default limit when none is asked, and a string limit as a number", () => {
    expect(paging.parse({})).toEqual({ limit: 25 });
    expect(paging.parse({ limit: "7" })).toEqual({ limit: 7 });
    expect(paging.safeParse({ limit: "201" }).success).toBe(false);
  });

  it("takes only a cursor the list gave out", () => {
    const after = "2024-03-01T10:00:00.000Z|job-1";
    expect(paging.parse({ after })).toEqual({ after, limit: 25 });
    expect(paging.safeParse({ after: "page-2" }).success).toBe(false);
  });

  it("the jobs and outputs lists page by their own sizes", () => {
    expect(jobListQuerySchema.parse({ group: "queued" })).toEqual({ group: "queued", limit: JOBS_PAGE_SIZE });
    expect(outputListQuerySchema.parse({ favourites: "1" })).toEqual({ favourites: "1", limit: OUTPUTS_PAGE_SIZE });
  });
});
