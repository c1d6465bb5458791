import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { OutputGallery } from "@/components/gallery/output-gallery";
import { ListPage } from "@/components/ui/list-page";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listWorkflowChoices } from "@/lib/outputs/gallery";

export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage() {
  await requirePageUser("viewer");
  const workflowOptions = await listWorkflowChoices(await getDb());
  return (
    // URL state (filters, tabs) lives in the address bar through nuqs, provided here rather than for every page.
    <NuqsAdapter>
      <ListPage
        title="Gallery"
        description="Every image and video your jobs produced, archived by the console the moment each job completed."
      >
        <OutputGallery workflows={workflowOptions} />
      </ListPage>
    </NuqsAdapter>
  );
}
