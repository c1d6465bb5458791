import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageUser } from "@/lib/auth/guard";
import { connectionSummary } from "@/lib/connection";
import { currentReachability } from "@/lib/novita/process";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("viewer");
  return (
    <AppShell
      user={{ name: user.name, email: user.email, role: user.role }}
      connection={connectionSummary()}
      reachability={await currentReachability()}
    >
      {children}
    </AppShell>
  );
}
