import { describe, expect, it } from "vitest";
import { INVITE_LIFETIME_MS, inviteState, LAST_ADMIN_MESSAGE, lastAdminRefusal } from "./rules";
import { hashInviteToken, newInviteToken } from "./tokens";

describe("invite tokens", () => {
  it("are long, URL-safe, different each time, and stored only as a sha256", () => {
    const token = newInviteToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newInviteToken()).not.toBe(token);
    expect(hashInviteToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInviteToken(token)).toBe(hashInviteToken(token));
    expect(hashInviteToken(token)).not.toContain(token);
  });
});

describe("invite state", () => {
  const created = new Date("2026-01-01T00:00:00Z");
  const expiresAt = new Date(created.getTime() + INVITE_LIFETIME_MS);
  const fresh = { usedAt: null, revokedAt: null, expiresAt };

  it("is pending for exactly 7 days", () => {
    expect(INVITE_LIFETIME_MS).toBe(7 * 86_400_000);
    expect(inviteState(fresh, created)).toBe("pending");
    expect(inviteState(fresh, new Date(expiresAt.getTime() - 1))).toBe("pending");
    expect(inviteState(fresh, expiresAt)).toBe("expired");
  });

  it("says used before revoked before expired", () => {
    const later = new Date(expiresAt.getTime() + 1);
    expect(inviteState({ ...fresh, usedAt: created, revokedAt: created }, later)).toBe("used");
    expect(inviteState({ ...fresh, revokedAt: created }, later)).toBe("revoked");
  });
});

describe("the last-admin rule", () => {
  it("refuses demoting or removing the only admin", () => {
    expect(lastAdminRefusal({ currentRole: "admin", nextRole: "operator" }, 1)).toBe(LAST_ADMIN_MESSAGE);
    expect(lastAdminRefusal({ currentRole: "admin", nextRole: null }, 1)).toBe(LAST_ADMIN_MESSAGE);
  });

  it("allows it when another admin remains, and never concerns non-admins", () => {
    expect(lastAdminRefusal({ currentRole: "admin", nextRole: "viewer" }, 2)).toBeNull();
    expect(lastAdminRefusal({ currentRole: "admin", nextRole: "admin" }, 1)).toBeNull();
    expect(lastAdminRefusal({ currentRole: "operator", nextRole: null }, 1)).toBeNull();
    expect(lastAdminRefusal({ currentRole: "viewer", nextRole: "admin" }, 1)).toBeNull();
  });
});
