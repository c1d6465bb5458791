"use client";

import { Menu } from "lucide-react";
import Link from "next/link";
import { lazy, Suspense, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/auth/roles";
import type { ConnectionSummary } from "@/lib/connection";
import type { Reachability } from "@/lib/novita/reachability";
import { useLiveEvents } from "@/lib/hooks/use-live-events";
import { Brand } from "./brand";
import { ConnectionStatus } from "./connection-status";
import { LiveIndicator } from "./live-indicator";
import { NovitaUnreachable } from "./novita-unreachable";
import { SidebarNav } from "./sidebar-nav";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

const loadDrawer = () => import("./mobile-drawer");
const MobileDrawer = lazy(() => loadDrawer().then((module) => ({ default: module.MobileDrawer })));
const warmDrawer = () => void loadDrawer().catch(() => undefined);

/**
 * The signed-in frame: a fixed sidebar on wide screens; below `lg` it collapses into a drawer opened from the
 * header's menu button.
 */
export function AppShell({
  user,
  connection,
  reachability,
  children,
}: {
  user: { name: string; email: string; role: Role };
  connection: ConnectionSummary;
  /** The server's reading of "Novita unreachable since …" at render time; the live stream keeps it current. */
  reachability: Reachability;
  children: ReactNode;
}) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [drawerWanted, setDrawerWanted] = useState(false);
  // One live connection per signed-in tab: the shell is mounted once and stays across console pages.
  useLiveEvents();

  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_1fr]">
      {/* The column carries the colour the full height of long pages; the sidebar inside stays in view. */}
      <div className="hidden border-r bg-sidebar lg:block">
        <aside className="sticky top-0 flex h-dvh flex-col gap-6 px-3 py-4">
          <Link href="/" className="px-3">
            <Brand />
          </Link>
          <SidebarNav />
        </aside>
      </div>

      {/* The drawer's dialog downloads when it is first opened (it is only ever used below `lg`). */}
      {drawerWanted ? (
        <Suspense fallback={null}>
          <MobileDrawer open={drawerOpen} onOpenChange={setDrawerOpen} />
        </Suspense>
      ) : null}

      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 border-b bg-background/90 backdrop-blur">
          <div className="flex h-14 items-center gap-2 px-3 sm:px-6">
            <Button
              variant="ghost"
              size="icon"
              className="lg:hidden"
              aria-label="Open menu"
              onPointerEnter={warmDrawer}
              onPointerDown={warmDrawer}
              onFocus={warmDrawer}
              onClick={() => {
                setDrawerWanted(true);
                setDrawerOpen(true);
              }}
            >
              <Menu className="size-5" />
            </Button>
            <Link href="/" className="lg:hidden">
              <Brand className="[&>span]:hidden sm:[&>span]:inline" />
            </Link>
            <div className="ml-auto flex items-center gap-1 sm:gap-2">
              <LiveIndicator />
              <ConnectionStatus connection={connection} />
              <ThemeToggle />
              <UserMenu user={user} />
            </div>
          </div>
          <NovitaUnreachable initial={reachability} local={connection.mode === "local"} />
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6 lg:py-8">{children}</main>
      </div>
    </div>
  );
}
