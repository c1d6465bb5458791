import type { Role } from "@/lib/auth/roles";

export interface SettingsSection {
  href: string;
  label: string;
  /** Sections a role may not open are not listed for it (the page refuses them as well). */
  minRole: Role;
}

export const SETTINGS_SECTIONS: SettingsSection[] = [
  { href: "/settings", label: "Profile", minRole: "viewer" },
  { href: "/settings/members", label: "Members", minRole: "viewer" },
  { href: "/settings/connection", label: "Connection", minRole: "viewer" },
  { href: "/settings/tokens", label: "API tokens", minRole: "viewer" },
  { href: "/settings/audit", label: "Audit log", minRole: "admin" },
];

/** `/settings` is active only on itself; the others also on their sub-pages. */
export function isActiveSection(href: string, pathname: string): boolean {
  return href === "/settings" ? pathname === "/settings" : pathname === href || pathname.startsWith(`${href}/`);
}
