import type { Metadata } from "next";
import { ConnectionSettings } from "@/components/settings/connection-settings";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { connectionSummary } from "@/lib/connection";
import { connectionStatus } from "@/lib/custody/service";

export const metadata: Metadata = { title: "Novita connection" };

export default async function ConnectionPage() {
  const user = await requirePageUser("viewer");
  const [status, summary] = [await connectionStatus(), connectionSummary()];
  return (
    <>
      <PageHeader title="Novita connection" description="Which Novita account the console uses, and the API key it uses for it." />
      <ConnectionSettings status={status} summary={summary} canManage={hasRole(user.role, "admin")} />
    </>
  );
}
