"use client";

import { lazy, Suspense, type ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { useDeferredPopup } from "@/components/ui/deferred-popup";
import type { Role } from "@/lib/auth/roles";
import { cn } from "@/lib/utils/cn";

const loadPopup = () => import("./user-menu-popup");
const UserMenuPopup = lazy(() => loadPopup().then((module) => ({ default: module.UserMenuPopup })));

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase());
  return letters.join("") || "?";
}

function AccountButton({ name, ...props }: { name: string } & ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" className="h-9 gap-2 px-1.5 sm:px-2" aria-label={`Account: ${name}`} {...props}>
      <span
        className={cn(
          "flex size-7 items-center justify-center rounded-full",
          "bg-primary/15 text-xs font-semibold text-primary",
        )}
      >
        {initials(name)}
      </span>
      <span className="hidden max-w-40 truncate text-sm md:inline">{name}</span>
    </Button>
  );
}

/**
 * The account button in the header: who is signed in, with which role, and Sign out. The menu downloads on first
 * use (components/ui/deferred-popup.tsx).
 */
export function UserMenu({ user }: { user: { name: string; email: string; role: Role } }) {
  const { openedWith, triggerProps } = useDeferredPopup("menu", loadPopup);
  const placeholder = <AccountButton name={user.name} {...triggerProps} />;
  if (!openedWith) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <UserMenuPopup user={user} trigger={<AccountButton name={user.name} />} openedWith={openedWith} />
    </Suspense>
  );
}
