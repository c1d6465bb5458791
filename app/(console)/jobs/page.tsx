import type { Metadata } from "next";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { JobsBrowser, JobsHeaderActions } from "@/components/jobs/list/jobs-browser";
import { ListPage } from "@/components/ui/list-page";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Jobs" };

const DESCRIPTION =
  "Every job the console sends or tracks, live, kept with its input, timeline and output " +
  "long after Novita's six hours.";

export default async function JobsPage() {
  const user = await requirePageUser("viewer");
  const canOperate = hasRole(user.role, "operator");
  return (
    // URL state (filters, tabs) lives in the address bar through nuqs, provided here rather than for every page.
    <NuqsAdapter>
      <ListPage title="Jobs" description={DESCRIPTION} actions={canOperate ? <JobsHeaderActions /> : undefined}>
        <JobsBrowser currentUserId={user.id} canOperate={canOperate} />
      </ListPage>
    </NuqsAdapter>
  );
}
