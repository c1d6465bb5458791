import { describe, expect, it } from "vitest";
import { MASKED_ENV_VALUE, maskSecretEnv, restoreMaskedEnv } from "./secret-env";

const env = [
  { key: "HF_TOKEN", value: "hf_real_secret_123" },
  { key: "MODEL", value: "sdxl" },
  { key: "BUCKET_SECRET_ACCESS_KEY", value: "" },
];

describe("maskSecretEnv", () => {
  it("hides the values of secret names only, and leaves empty ones empty", () => {
    expect(maskSecretEnv(env)).toEqual([
      { key: "HF_TOKEN", value: MASKED_ENV_VALUE },
      { key: "MODEL", value: "sdxl" },
      { key: "BUCKET_SECRET_ACCESS_KEY", value: "" },
    ]);
    expect(JSON.stringify(maskSecretEnv(env))).not.toContain("hf_real_secret_123");
  });
});

describe("restoreMaskedEnv", () => {
  it("puts the stored value back under an unchanged placeholder and keeps typed values", () => {
    const edited = [
      { key: "HF_TOKEN", value: MASKED_ENV_VALUE },
      { key: "MODEL", value: "flux" },
      { key: "NEW_API_KEY", value: "typed" },
    ];
    expect(restoreMaskedEnv(edited, env)).toEqual({
      ok: true,
      env: [
        { key: "HF_TOKEN", value: "hf_real_secret_123" },
        { key: "MODEL", value: "flux" },
        { key: "NEW_API_KEY", value: "typed" },
      ],
    });
  });

  it("refuses a placeholder under a name with no stored value", () => {
    expect(restoreMaskedEnv([{ key: "HF_TOKEN_2", value: MASKED_ENV_VALUE }], env)).toEqual({
      ok: false,
      index: 0,
      key: "HF_TOKEN_2",
    });
  });
});
