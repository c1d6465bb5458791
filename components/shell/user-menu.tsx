"use client";

import { LogOut } from "lucide-react";
import { unstable_rethrow } from "next/navigation";
import { signOutAction } from "@/lib/auth/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { toast } from "@/components/ui/toaster";
import { ok, type ActionResult } from "@/lib/actions/result";
import type { Role } from "@/lib/auth/roles";
import { useAction } from "@/lib/hooks/use-action";
import { cn } from "@/lib/utils/cn";

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase());
  return letters.join("") || "?";
}

/** Whether `error` is Next's own signal (a redirect, a not-found …): `unstable_rethrow` passes those on. */
function isNextSignal(error: unknown): boolean {
  try {
    unstable_rethrow(error);
    return false;
  } catch {
    return true;
  }
}

/** Signs out. The action ends in a redirect to /login, which Next follows itself and reports as a rejected call. */
async function signOut(): Promise<ActionResult> {
  try {
    await signOutAction();
  } catch (error) {
    if (!isNextSignal(error)) throw error;
  }
  return ok(undefined);
}

/** The account button in the header: who is signed in, with which role, and Sign out. */
export function UserMenu({ user }: { user: { name: string; email: string; role: Role } }) {
  const { run, pending } = useAction(signOut, { onError: (error) => toast.error(error.message) });
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="h-9 gap-2 px-1.5 sm:px-2" aria-label={`Account: ${user.name}`}>
          <span
            className={cn(
              "flex size-7 items-center justify-center rounded-full",
              "bg-primary/15 text-xs font-semibold text-primary",
            )}
          >
            {initials(user.name)}
          </span>
          <span className="hidden max-w-40 truncate text-sm md:inline">{user.name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="grid gap-1 font-normal">
          <span className="truncate text-sm font-medium" data-testid="user-menu-name">
            {user.name}
          </span>
          <span className="truncate text-xs text-muted-foreground">{user.email}</span>
          <Badge variant="secondary" className="mt-1 w-fit capitalize" data-testid="user-menu-role">
            {user.role}
          </Badge>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={pending}
          onSelect={(event) => {
            event.preventDefault();
            void run(undefined);
          }}
        >
          <LogOut aria-hidden />
          {pending ? "Signing out…" : "Sign out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
