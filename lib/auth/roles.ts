/** The team's roles, lowest first; the database enum `user_role` is made from this list. Browser-safe. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, in the words the UI shows next to it. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Everything: the Novita connection, members, creating and deleting endpoints.",
  operator: "Sends, cancels and resubmits jobs, manages workflows, edits and scales endpoints.",
  viewer: "Reads everything, changes nothing.",
};

/** Roles are ordered: admin ⊃ operator ⊃ viewer. */
export function hasRole(role: Role, minRole: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minRole);
}
