import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getCurrentUser } from "@/lib/auth/session";
import { countUsers } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const returnTo = safeReturnPath(typeof next === "string" ? next : undefined);
  if (await getCurrentUser()) redirect(returnTo);
  if ((await countUsers(await getDb())) === 0) redirect("/setup");
  return <LoginForm next={returnTo} />;
}
