import { Braces, Images, LayoutDashboard, ListChecks, Server, Settings, Workflow, type LucideIcon } from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/endpoints", label: "Endpoints", icon: Server },
  { href: "/jobs", label: "Jobs", icon: ListChecks },
  { href: "/workflows", label: "Workflows", icon: Workflow },
  { href: "/gallery", label: "Gallery", icon: Images },
  { href: "/api-reference", label: "API", icon: Braces },
  { href: "/settings", label: "Settings", icon: Settings },
];

/** `/` is active only on itself; the others also on their sub-pages. */
export function isActiveNavItem(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
