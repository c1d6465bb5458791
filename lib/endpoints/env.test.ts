import { describe, expect, it } from "vitest";
import { findEnvProblems, isSecretName, mergeEnvRows, parseDotEnv } from "./env";

describe("parseDotEnv", () => {
  it("reads a pasted .env block: export, quotes, escapes, comments, blank lines", () => {
    const { rows, skipped } = parseDotEnv(`# object storage
BUCKET_ENDPOINT_URL=https://s3.eu-west-1.amazonaws.com
export BUCKET_NAME="outputs"
BUCKET_ACCESS_KEY_ID='AKIA 123'
GREETING="line one\\nsaid \\"hi\\""
MODE=fast # trailing comment
EMPTY=

not a variable
URL_WITH_HASH=https://example.com/#anchor
`);
    expect(rows).toEqual([
      { key: "BUCKET_ENDPOINT_URL", value: "https://s3.eu-west-1.amazonaws.com" },
      { key: "BUCKET_NAME", value: "outputs" },
      { key: "BUCKET_ACCESS_KEY_ID", value: "AKIA 123" },
      { key: "GREETING", value: 'line one\nsaid "hi"' },
      { key: "MODE", value: "fast" },
      { key: "EMPTY", value: "" },
      { key: "URL_WITH_HASH", value: "https://example.com/#anchor" },
    ]);
    expect(skipped).toEqual(["not a variable"]);
  });

  it("merges pasted rows over existing ones of the same name", () => {
    expect(
      mergeEnvRows(
        [
          { key: "A", value: "1" },
          { key: "B", value: "2" },
          { key: "", value: "" },
        ],
        [{ key: "B", value: "two" }],
      ),
    ).toEqual([
      { key: "A", value: "1" },
      { key: "B", value: "two" },
    ]);
  });
});

describe("names", () => {
  it("flags bad and repeated names, naming the earlier row", () => {
    expect(
      findEnvProblems([
        { key: "GOOD_1", value: "" },
        { key: "with-dash", value: "x" },
        { key: "GOOD_1", value: "again" },
        { key: "", value: "orphan value" },
        { key: "", value: "" },
      ]),
    ).toEqual([
      { index: 1, message: '"with-dash" is not a valid name: use letters, digits and _, not starting with a digit.' },
      { index: 2, message: "GOOD_1 is already set in row 1." },
      { index: 3, message: "Enter a name for this value." },
    ]);
  });

  it.each([
    ["BUCKET_SECRET_ACCESS_KEY", true],
    ["HF_TOKEN", true],
    ["OPENAI_API_KEY", true],
    ["DB_PASSWORD", true],
    ["BUCKET_ACCESS_KEY_ID", true],
    ["BUCKET_NAME", false],
    ["MODE", false],
  ])("%s is secret: %s", (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });
});
