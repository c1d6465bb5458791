import { describe, expect, it } from "vitest";
import { shortId } from "./ids";

describe("shortId", () => {
  it("keeps the first block of a UUID and short ids whole", () => {
    expect(shortId("0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b")).toBe("0f8e2c1a");
    expect(shortId("job-12345")).toBe("job-12345");
  });
});
