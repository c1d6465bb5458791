import { asc } from "drizzle-orm";
import type { Metadata } from "next";
import { Suspense } from "react";
import { OutputGallery } from "@/components/gallery/output-gallery";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { workflows } from "@/lib/db/schema";

export const metadata: Metadata = { title: "Gallery" };

export default async function GalleryPage() {
  await requirePageUser("viewer");
  const workflowOptions = await (
    await getDb()
  )
    .select({ id: workflows.id, name: workflows.name })
    .from(workflows)
    .orderBy(asc(workflows.name));
  return (
    <>
      <PageHeader
        title="Gallery"
        description="Every image and video your jobs produced, archived by the console the moment each job completed."
      />
      {/* The filters read the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense>
        <OutputGallery workflows={workflowOptions} />
      </Suspense>
    </>
  );
}
