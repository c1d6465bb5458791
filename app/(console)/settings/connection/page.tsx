import type { Metadata } from "next";
import { ConnectionSettings } from "@/components/settings/connection-settings";
import { requirePageUser } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { connectionSummary } from "@/lib/connection";
import { connectionStatus } from "@/lib/custody/service";

export const metadata: Metadata = { title: "Connection · Settings" };

/** Everyone sees which Novita is in use and the key's fingerprint; only admins connect, rotate or remove the key. */
export default async function ConnectionSettingsPage() {
  const user = await requirePageUser("viewer");
  const [status, summary] = [await connectionStatus(), connectionSummary()];
  return <ConnectionSettings status={status} summary={summary} canManage={hasRole(user.role, "admin")} />;
}
