import { describe, expect, it } from "vitest";
import { seedWorkflow } from "@/lib/sandbox/comfyui/test-workflows";
import { workerKindOf } from "@/lib/sandbox/workers";
import { INPUT_TEMPLATES, templatesForImage, templateText, workerKindOfImage } from "./templates";

describe("input templates", () => {
  it("guesses the worker kind from the image like the sandbox does", () => {
    for (const image of [
      "novitalabs/comfyui-worker:v0.0.1",
      "example/sleep-worker:1",
      "example/echo-worker:1",
      "nginx",
      "ghcr.io/x/ComfyUI:latest",
    ]) {
      expect(workerKindOfImage(image)).toBe(workerKindOf(image));
    }
  });

  it("offers the template that fits the image first", () => {
    expect(templatesForImage("novitalabs/comfyui-worker:v0.0.1")[0]?.id).toBe("comfyui");
    expect(templatesForImage("example/sleep-worker:1")[0]?.id).toBe("sleep");
    expect(templatesForImage("example/echo-worker:1")[0]?.id).toBe("echo");
    expect(templatesForImage(undefined).map((template) => template.id)).toEqual(["echo", "sleep", "comfyui"]);
    expect(new Set(templatesForImage("x/comfyui").map((template) => template.id)).size).toBe(3);
  });

  it("uses the guide's ComfyUI workflow with output node 9", () => {
    expect(INPUT_TEMPLATES.comfyui.input).toEqual({ workflow: seedWorkflow(), output_node_id: "9" });
    expect(INPUT_TEMPLATES.sleep.input).toEqual({ seconds: 5 });
    expect(INPUT_TEMPLATES.echo.input).toEqual({ prompt: "a red apple on a table" });
    expect(JSON.parse(templateText(INPUT_TEMPLATES.comfyui))).toEqual(INPUT_TEMPLATES.comfyui.input);
  });
});
