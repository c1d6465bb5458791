import { describe, expect, it } from "vitest";
import { findOutputFiles, inlinePreviews, safeFilename } from "./extract";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex").toString("base64");
const JPEG = Buffer.from("ffd8ffe000104a46494600010100000100010000", "hex").toString("base64");
const GIF = Buffer.from("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00", "latin1").toString("base64");
const MP4 = Buffer.from("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", "latin1").toString("base64");
const WEBM = Buffer.from("1a45dfa39f4286810142f7810142f2810442f381", "hex").toString("base64");
const long = (base64: string) => Buffer.concat([Buffer.from(base64, "base64"), Buffer.alloc(60)]).toString("base64");

describe("findOutputFiles", () => {
  it("reads ComfyUI's images list: base64 entries and s3_url entries, in order", () => {
    const files = findOutputFiles({
      images: [
        { filename: "ComfyUI_00001_.png", type: "base64", data: PNG },
        {
          filename: "ComfyUI_00002_.png",
          type: "s3_url",
          data: "https://bucket.s3.example.com/out/ComfyUI_00002_.png?X-Amz-Signature=abc",
        },
      ],
    });
    expect(files).toEqual([
      {
        position: 0,
        filename: "ComfyUI_00001_.png",
        kind: "image",
        mime: "image/png",
        origin: { type: "base64", data: PNG },
      },
      {
        position: 1,
        filename: "ComfyUI_00002_.png",
        kind: "image",
        mime: "image/png",
        origin: { type: "url", url: "https://bucket.s3.example.com/out/ComfyUI_00002_.png?X-Amz-Signature=abc" },
      },
    ]);
  });

  it("accepts an s3_url without an extension (presigned keys often have none)", () => {
    const [file] = findOutputFiles({
      images: [{ filename: "frame", type: "s3_url", data: "https://b.example.com/k/8f3a?sig=1" }],
    });
    expect(file?.origin).toEqual({ type: "url", url: "https://b.example.com/k/8f3a?sig=1" });
    expect(file?.filename).toBe("frame");
  });

  it("finds videos and GIFs by magic bytes, data: URLs and file names", () => {
    const files = findOutputFiles({
      videos: [{ filename: "clip.mp4", type: "base64", data: MP4 }],
      gif: `data:image/gif;base64,${GIF}`,
      nested: { deeper: [{ result: long(WEBM) }] },
      link: "https://cdn.example.com/renders/loop.webm",
    });
    expect(files.map((file) => [file.filename, file.kind, file.mime])).toEqual([
      ["clip.mp4", "video", "video/mp4"],
      ["output-2.gif", "gif", "image/gif"],
      ["output-3.webm", "video", "video/webm"],
      ["loop.webm", "video", "video/webm"],
    ]);
  });

  it("recognises bare base64 by its magic bytes, and fixes a wrong extension", () => {
    const files = findOutputFiles({ result: long(JPEG), other: { file_name: "../../etc/passwd.png", base64: JPEG } });
    expect(files.map((file) => [file.filename, file.mime])).toEqual([
      ["output-1.jpg", "image/jpeg"],
      ["passwd.jpg", "image/jpeg"],
    ]);
  });

  it("leaves alone what is not media: words, short strings, non-media URLs, scripts, SVG, duplicates", () => {
    expect(findOutputFiles(null)).toEqual([]);
    expect(findOutputFiles("hello")).toEqual([]);
    expect(
      findOutputFiles({ slept: 5, id: "abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdef" }),
    ).toEqual([]);
    expect(findOutputFiles({ doc: "https://example.com/readme.json" })).toEqual([]);
    expect(findOutputFiles({ images: [{ filename: "x.png", type: "s3_url", data: "javascript:alert(1)" }] })).toEqual(
      [],
    );
    expect(findOutputFiles({ images: [{ filename: "x.png", type: "base64", data: "<script>" }] })).toEqual([]);
    expect(findOutputFiles({ svg: "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" })).toEqual([]);
    expect(findOutputFiles({ a: "https://x.dev/i.png", b: "https://x.dev/i.png" })).toHaveLength(1);
  });

  it("finds images nested in arrays of results", () => {
    const output = [
      { images: [{ filename: "1.png", type: "base64", data: PNG }] },
      { images: [{ filename: "2.png", type: "base64", data: PNG + "AAAA" }] },
    ];
    expect(findOutputFiles(output).map((file) => file.filename)).toEqual(["1.png", "2.png"]);
  });
});

describe("inlinePreviews", () => {
  it("turns base64 into data: URLs with the sniffed type and keeps URLs as they are", () => {
    expect(
      inlinePreviews({
        images: [
          { filename: "a.png", type: "base64", data: PNG },
          { filename: "b.jpg", type: "s3_url", data: "https://b.example.com/b.jpg" },
        ],
      }),
    ).toEqual([
      { filename: "a.png", kind: "image", src: `data:image/png;base64,${PNG}` },
      { filename: "b.jpg", kind: "image", src: "https://b.example.com/b.jpg" },
    ]);
  });
});

describe("safeFilename", () => {
  it("keeps the last path part, drops quotes and control characters, and bounds the length", () => {
    expect(safeFilename('..\\..\\a"b\r\n.png', "x")).toBe("ab.png");
    expect(safeFilename("../", "fallback", "png")).toBe("fallback.png");
    expect(safeFilename("x".repeat(300), "f").length).toBe(120);
    expect(safeFilename("photo.jpeg", "f", "jpg")).toBe("photo.jpeg");
    expect(safeFilename("photo.png", "f", "webp")).toBe("photo.webp");
  });
});
