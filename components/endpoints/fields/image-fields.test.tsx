import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { specToForm, type EndpointForm } from "@/lib/endpoints/form";
import type { EndpointOptions } from "@/lib/endpoints/service";
import { makeEndpointSpec } from "@/tests/support/endpoint-spec";
import { ImageFields } from "./image-fields";

const options = { credentials: [] } as unknown as EndpointOptions;

function Harness({ adminOnly }: { adminOnly: boolean }) {
  const form = useForm<EndpointForm>({ defaultValues: specToForm(makeEndpointSpec({ imageName: "team/worker:1" })) });
  // The registry-credential dialog beside the picker uses React Query.
  return (
    <QueryClientProvider client={new QueryClient()}>
      <ImageFields form={form} options={options} adminOnly={adminOnly} />
    </QueryClientProvider>
  );
}

describe("ImageFields", () => {
  it("locked: image and start command sit in disabled fieldsets, described by the reason", () => {
    const html = renderToStaticMarkup(<Harness adminOnly />);
    expect(html.match(/<fieldset disabled=""/g)).toHaveLength(2);
    expect(html).toContain("Only an admin can change the image while this endpoint holds hidden secret values.");
    expect(html).toContain(
      "Only an admin can change the start command while this endpoint holds hidden secret values.",
    );
    const imageInput = html.match(/<input[^>]*id="endpoint-image"[^>]*>/)?.[0];
    expect(imageInput).toContain('aria-describedby="endpoint-image-hint"');
  });

  it("unlocked (the create wizard, admins, endpoints without hidden values): as before", () => {
    const html = renderToStaticMarkup(<Harness adminOnly={false} />);
    expect(html).not.toContain('disabled=""');
    expect(html).not.toContain("Only an admin");
    expect(html).toContain("e.g. novitalabs/comfyui-worker:v0.0.1");
  });
});
