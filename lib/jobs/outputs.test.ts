import { describe, expect, it } from "vitest";
import { findOutputImages } from "./outputs";

describe("findOutputImages", () => {
  it("turns ComfyUI base64 images into data URLs", () => {
    expect(findOutputImages({ images: [{ filename: "test_00001_.png", type: "base64", data: "iVBORw0KGgo=" }] })).toEqual([
      { filename: "test_00001_.png", src: "data:image/png;base64,iVBORw0KGgo=" },
    ]);
    expect(findOutputImages({ images: [{ filename: "a.jpg", type: "base64", data: "/9j/4AAQ" }] })[0]?.src).toBe("data:image/jpeg;base64,/9j/4AAQ");
  });

  it("keeps s3_url images and plain http(s) image URLs", () => {
    expect(
      findOutputImages({
        images: [{ filename: "out.png", type: "s3_url", data: "https://bucket.s3.amazonaws.com/out.png?sig=1" }],
        extra: { preview: "http://cdn.example.com/p/thumb.webp" },
        list: ["https://example.com/not-an-image.json", "https://example.com/a%20b.jpeg"],
      }),
    ).toEqual([
      { filename: "out.png", src: "https://bucket.s3.amazonaws.com/out.png?sig=1" },
      { filename: "thumb.webp", src: "http://cdn.example.com/p/thumb.webp" },
      { filename: "a b.jpeg", src: "https://example.com/a%20b.jpeg" },
    ]);
  });

  it("ignores what is not an image, unsafe URLs and duplicates", () => {
    expect(findOutputImages(null)).toEqual([]);
    expect(findOutputImages("hello")).toEqual([]);
    expect(findOutputImages({ slept: 5 })).toEqual([]);
    expect(findOutputImages({ images: [{ filename: "x.png", type: "s3_url", data: "javascript:alert(1)" }] })).toEqual([]);
    expect(findOutputImages({ images: [{ filename: "x.png", type: "base64", data: "<script>" }] })).toEqual([]);
    expect(findOutputImages({ a: "https://x.dev/i.png", b: "https://x.dev/i.png" })).toHaveLength(1);
  });

  it("finds images nested in arrays of results", () => {
    const output = [{ images: [{ filename: "1.png", type: "base64", data: "AAAA" }] }, { images: [{ filename: "2.png", type: "base64", data: "BBBB" }] }];
    expect(findOutputImages(output).map((image) => image.filename)).toEqual(["1.png", "2.png"]);
  });
});
