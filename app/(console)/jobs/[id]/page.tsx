import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { JobDetailsView } from "@/components/jobs/details/job-details";
import { JobNotFound } from "@/components/jobs/details/job-not-found";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { loadJobDetails } from "@/lib/jobs/details";
import { getNovitaClient } from "@/lib/novita/process";

export const metadata: Metadata = { title: "Job" };

async function submitterName(userId: string | null): Promise<string | undefined> {
  if (!userId) return undefined;
  const [user] = await (
    await getDb()
  )
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return user ? user.name || user.email : undefined;
}

/** The endpoint's name for the header link; the job page still works when Novita cannot be reached. */
async function endpointName(endpointId: string): Promise<string | undefined> {
  try {
    const endpoint = await getNovitaClient().management.getEndpoint(endpointId);
    return endpoint.spec.name || undefined;
  } catch {
    return undefined;
  }
}

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("viewer");
  const { id } = await params;
  const details = await loadJobDetails(id);
  if (!details) return <JobNotFound id={id} />;
  const [submitter, endpoint] = await Promise.all([
    submitterName(details.job.submittedBy),
    endpointName(details.job.endpointId),
  ]);
  return (
    <JobDetailsView
      id={id}
      initialData={details}
      endpointName={endpoint}
      submitterName={submitter}
      canOperate={hasRole(user.role, "operator")}
    />
  );
}
