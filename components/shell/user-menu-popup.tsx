"use client";

import { LogOut } from "lucide-react";
import { unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { signOutAction } from "@/lib/auth/actions";
import { Badge } from "@/components/ui/badge";
import { useKeyboardOpenFocus, type OpenedWith } from "@/components/ui/deferred-popup";
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

/** The account menu itself, downloaded on its first use (user-menu.tsx) and shown open then; `trigger`: its button. */
export function UserMenuPopup({
  user,
  trigger,
  openedWith,
}: {
  user: { name: string; email: string; role: Role };
  trigger: ReactNode;
  openedWith: OpenedWith;
}) {
  const { run, pending } = useAction(signOut, { onError: (error) => toast.error(error.message) });
  const contentRef = useKeyboardOpenFocus(openedWith);
  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64" ref={contentRef}>
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
