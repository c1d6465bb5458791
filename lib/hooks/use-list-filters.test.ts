import { describe, expect, it } from "vitest";
import { commonApiFilters, parseAsDay, parseAsId, parseAsOne, unlessAll } from "./use-list-filters";

describe("the list filters' URL parsers", () => {
  it("?mine=1 and ?favourites=1: only 1 is true, and true is written as 1", () => {
    expect(parseAsOne.parse("1")).toBe(true);
    expect(parseAsOne.parse("true")).toBeNull();
    expect(parseAsOne.serialize(true)).toBe("1");
    expect(parseAsOne.defaultValue).toBe(false);
  });

  it("a day is YYYY-MM-DD or no filter; an empty id is no filter", () => {
    expect(parseAsDay.parse("2024-03-01")).toBe("2024-03-01");
    expect(parseAsDay.parse("2024-3-1")).toBeNull();
    expect(parseAsId.parse("")).toBeNull();
    expect(parseAsId.parse("ep-1")).toBe("ep-1");
  });

  it('a select\'s "all" and an emptied input clear the filter', () => {
    expect(unlessAll("all")).toBeNull();
    expect(unlessAll("")).toBeNull();
    expect(unlessAll("ep-1")).toBe("ep-1");
  });
});

describe("commonApiFilters", () => {
  it("trims the text and turns the days into the instants that bound them in this time zone", () => {
    expect(commonApiFilters({ q: "  cat ", endpoint: "ep-1", from: "2024-03-01", to: "2024-03-02" })).toEqual({
      endpoint: "ep-1",
      q: "cat",
      from: new Date("2024-03-01T00:00:00.000").toISOString(),
      to: new Date("2024-03-02T23:59:59.999").toISOString(),
    });
    expect(commonApiFilters({ q: " ", endpoint: null, from: null, to: null })).toEqual({
      endpoint: undefined,
      q: undefined,
      from: undefined,
      to: undefined,
    });
  });
});
