import { Images, ListChecks, Server } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { LocalModeNotice } from "@/components/shell/local-mode-notice";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guard";
import { connectionSummary } from "@/lib/connection";

export const metadata: Metadata = { title: "Overview" };

const SECTIONS = [
  {
    href: "/endpoints",
    icon: Server,
    title: "Endpoints",
    description: "Your GPU endpoints with their workers, queue depth and cost per hour will be summarised here.",
  },
  {
    href: "/jobs",
    icon: ListChecks,
    title: "Jobs",
    description: "Jobs queued and running right now, and the ones that failed recently, will be listed here.",
  },
  {
    href: "/gallery",
    icon: Images,
    title: "Latest outputs",
    description: "The newest images and videos your jobs produced will appear here, kept after Novita drops them.",
  },
];

export default async function OverviewPage() {
  const user = await requirePageUser("viewer");
  const connection = connectionSummary();
  return (
    <>
      <PageHeader
        title="Overview"
        description={
          `Welcome, ${user.name}. This console will show your Novita serverless endpoints, ` +
          "their queues and what they produce."
        }
      />
      {connection.mode === "local" ? <LocalModeNotice apiHost={connection.apiHost} /> : null}
      <div className="grid gap-4 md:grid-cols-3">
        {SECTIONS.map(({ href, icon: Icon, title, description }) => (
          <Link
            key={href}
            href={href}
            className="group rounded-xl focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          >
            <Card className="h-full transition-colors group-hover:border-primary/40">
              <CardHeader>
                <CardTitle className="flex items-center gap-2 text-base">
                  <Icon className="size-4 text-primary" aria-hidden />
                  {title}
                </CardTitle>
                <CardDescription>{description}</CardDescription>
              </CardHeader>
              <CardContent className="text-sm text-muted-foreground">Nothing yet.</CardContent>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
