import { describe, expect, it } from "vitest";
import { inputSearchText } from "./search-text";

describe("inputSearchText", () => {
  it("keeps the input's string values, lower-cased, and leaves blobs out", () => {
    const input = {
      workflow: { "6": { class_type: "CLIPTextEncode", inputs: { text: "A Red Apple on a table", clip: ["4", 1] } } },
      images: [{ name: "ref.png", image: `data:image/png;base64,${"A".repeat(50)}` }, { name: "big.png", image: "B".repeat(600) }],
      seconds: 5,
    };
    expect(inputSearchText(input)).toBe("cliptextencode a red apple on a table 4 ref.png big.png");
  });

  it("caps the text", () => {
    expect(inputSearchText(Array.from({ length: 100 }, () => "x".repeat(100))).length).toBe(4000);
  });
});
