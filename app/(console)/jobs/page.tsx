import type { Metadata } from "next";
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
    <ListPage title="Jobs" description={DESCRIPTION} actions={canOperate ? <JobsHeaderActions /> : undefined}>
      <JobsBrowser currentUserId={user.id} canOperate={canOperate} />
    </ListPage>
  );
}
