import { Images } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage() {
  await requirePageUser("viewer");
  return (
    <>
      <PageHeader title="Gallery" description="Every image and video your jobs produced, archived by the console." />
      <EmptyState
        icon={Images}
        title="No outputs yet"
        description="Images and videos from finished jobs will be collected here, searchable by workflow, prompt and endpoint."
      />
    </>
  );
}
