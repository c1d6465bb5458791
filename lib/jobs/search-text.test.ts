import { describe, expect, it } from "vitest";
import { inputSearchText, searchWordsQuery } from "./search-text";

describe("inputSearchText", () => {
  it("keeps the input's string values, lower-cased, and leaves blobs out", () => {
    const input = {
      workflow: { "6": { class_type: "CLIPTextEncode", inputs: { text: "A Red Apple on a table", clip: ["4", 1] } } },
      images: [
        { name: "ref.png", image: `data:image/png;base64,${"A".repeat(50)}` },
        { name: "big.png", image: "B".repeat(600) },
      ],
      seconds: 5,
    };
    expect(inputSearchText(input)).toBe("cliptextencode a red apple on a table 4 ref.png big.png");
  });

  it("caps the text", () => {
    expect(inputSearchText(Array.from({ length: 100 }, () => "x".repeat(100))).length).toBe(4000);
  });
});

describe("searchWordsQuery", () => {
  it("turns the words of a search into required word prefixes", () => {
    expect(searchWordsQuery("Lighthouse in")).toBe("lighthouse:* & in:*");
    expect(searchWordsQuery("  #42424 ")).toBe("42424:*");
    expect(searchWordsQuery("café-au-lait")).toBe("café:* & au:* & lait:*");
  });

  it("lets none of tsquery's syntax through", () => {
    expect(searchWordsQuery("a & !b | c:* <-> (d)")).toBe("a:* & b:* & c:* & d:*");
    expect(searchWordsQuery("'); drop table jobs; --")).toBe("drop:* & table:* & jobs:*");
  });

  it("has nothing to search for in punctuation alone", () => {
    expect(searchWordsQuery("#!?")).toBeNull();
  });
});
