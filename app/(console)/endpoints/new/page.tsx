import type { Metadata } from "next";
import { CreateEndpointWizard } from "@/components/endpoints/wizard/create-endpoint-wizard";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "New endpoint" };

export default async function NewEndpointPage() {
  await requirePageUser("admin");
  return (
    <>
      <PageHeader
        title="New endpoint"
        description={
          "An async serverless endpoint: GPU workers that scale with the queue. " +
          "Your draft is kept in this browser until you deploy or discard it."
        }
      />
      <CreateEndpointWizard />
    </>
  );
}
