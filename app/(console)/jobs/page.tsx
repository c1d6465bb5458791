import type { Metadata } from "next";
import { Suspense } from "react";
import { JobsBrowser, JobsHeaderActions } from "@/components/jobs/list/jobs-browser";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  const user = await requirePageUser("viewer");
  const canOperate = hasRole(user.role, "operator");
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Every job the console sends or tracks, live, kept with its input, timeline and output long after Novita's six hours."
        actions={canOperate ? <JobsHeaderActions /> : undefined}
      />
      {/* The filters read the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense>
        <JobsBrowser currentUserId={user.id} canOperate={canOperate} />
      </Suspense>
    </>
  );
}
