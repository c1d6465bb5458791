import { Server } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Endpoints" };

export default async function EndpointsPage() {
  await requirePageUser("viewer");
  return (
    <>
      <PageHeader title="Endpoints" description="Serverless GPU endpoints: GPU type, workers, scaling policy, image and environment." />
      <EmptyState
        icon={Server}
        title="No endpoints yet"
        description="Once the console is connected to Novita (or its local sandbox), your endpoints appear here with their status, workers and queue, and you can create one from a ComfyUI template."
      />
    </>
  );
}
