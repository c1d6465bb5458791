import { KeyRound, ScrollText, Users } from "lucide-react";
import type { Metadata } from "next";
import { ProfileForm } from "@/components/settings/profile-form";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guard";
import { ROLE_DESCRIPTIONS } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Settings" };

const UPCOMING = [
  { icon: KeyRound, title: "Novita connection", description: "Paste the team's Novita API key; it is tested, stored encrypted and never shown again." },
  { icon: Users, title: "Members", description: "Invite teammates by link and give each the admin, operator or viewer role." },
  { icon: ScrollText, title: "Audit log", description: "Who changed what, and when: every endpoint, job and setting change." },
];

export default async function SettingsPage() {
  const user = await requirePageUser("viewer");
  return (
    <>
      <PageHeader title="Settings" description="Your profile, and the console's connection, members and audit log." />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Your profile</h2>
            </CardTitle>
            <CardDescription className="flex flex-wrap items-center gap-2">
              Your role is
              <Badge variant="secondary" className="capitalize">
                {user.role}
              </Badge>
              <span>{ROLE_DESCRIPTIONS[user.role]}</span>
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ProfileForm name={user.name} email={user.email} />
          </CardContent>
        </Card>
        <div className="grid gap-4 md:grid-cols-3">
          {UPCOMING.map(({ icon: Icon, title, description }) => (
            <Card key={title} className="border-dashed">
              <CardHeader>
                <CardTitle className="flex items-center gap-2 text-base">
                  <Icon className="size-4 text-muted-foreground" aria-hidden />
                  {title}
                </CardTitle>
                <CardDescription>{description}</CardDescription>
              </CardHeader>
              <CardContent className="text-xs text-muted-foreground">Not available yet.</CardContent>
            </Card>
          ))}
        </div>
      </div>
    </>
  );
}
