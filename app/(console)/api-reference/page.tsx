import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference/api-reference";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { OPENAPI_PATH, openApiJson } from "@/lib/api/v1/openapi";
import { paragraphsOf, referenceOf, type OpenApiDocument } from "@/lib/api/v1/reference";

export const metadata: Metadata = { title: "API" };

/** `/api-reference`: the console's API as its OpenAPI document describes it, with examples to copy. */
export default async function ApiReferencePage() {
  await requirePageUser("viewer");
  // The document the /api/v1/openapi.json route serves, as plain data.
  const document = JSON.parse(openApiJson()) as OpenApiDocument;
  return (
    <>
      <PageHeader
        title="API"
        description="Scripts, notebooks and CI use the console's API with a console token: every route, its parameters and an example in curl, Python and JavaScript."
      />
      <ApiReference
        tags={referenceOf(document)}
        notes={paragraphsOf(document.info.description ?? "")}
        documentPath={OPENAPI_PATH}
      />
    </>
  );
}
