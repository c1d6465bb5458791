"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guard";
import { signOutCurrentSession } from "@/lib/auth/sign-in";

export async function signOut(): Promise<void> {
  const user = await requireUser("viewer");
  await signOutCurrentSession(user);
  redirect("/login");
}
