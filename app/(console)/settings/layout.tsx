import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/guard";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("viewer");
  return (
    <>
      <PageHeader title="Settings" description="Your profile, and the console's members, connection and audit log." />
      <SettingsNav role={user.role} />
      {children}
    </>
  );
}
