import type { Metadata } from "next";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Connection · Settings" };

/** Placeholder: the key-custody page (paste, test, rotate the Novita key) replaces it. */
export default async function ConnectionSettingsPage() {
  await requirePageUser("viewer");
  return (
    <Card className="border-dashed">
      <CardHeader>
        <CardTitle>
          <h2>Novita connection</h2>
        </CardTitle>
        <CardDescription>Managing the team&apos;s Novita API key from here is not available yet.</CardDescription>
      </CardHeader>
    </Card>
  );
}
