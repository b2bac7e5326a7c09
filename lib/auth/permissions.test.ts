/** The role table as the README's "Roles" section states it: who may do what. */
import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, whyNot, type Permission } from "./permissions";

const TABLE: Record<Permission, { moderator: boolean; support: boolean; admin: boolean }> = {
  "conference:view": { moderator: true, support: true, admin: true },
  "conference:organize": { moderator: true, support: true, admin: true },
  "participant:control": { moderator: true, support: false, admin: true },
  "conference:end": { moderator: false, support: false, admin: true },
  "conference:forget": { moderator: false, support: false, admin: true },
  "callout:place": { moderator: false, support: true, admin: true },
  "callout:custom": { moderator: false, support: false, admin: true },
  "audit:read": { moderator: false, support: false, admin: true },
  "attendance:read": { moderator: true, support: false, admin: true },
  "attendance:recent": { moderator: true, support: true, admin: true },
  "users:manage": { moderator: false, support: false, admin: true },
  "directory:read": { moderator: true, support: true, admin: true },
  "directory:manage": { moderator: false, support: true, admin: true },
  "directory:name-caller": { moderator: true, support: true, admin: true },
  "policy:manage": { moderator: true, support: false, admin: true },
  "invites:read": { moderator: true, support: true, admin: true },
  "invites:manage": { moderator: false, support: true, admin: true },
  "invites:dial": { moderator: false, support: true, admin: true },
  "session:own": { moderator: true, support: true, admin: true },
  "tokens:own": { moderator: true, support: true, admin: true },
  "tokens:manage": { moderator: false, support: false, admin: true },
  "api:docs": { moderator: true, support: true, admin: true },
};

describe("the role table", () => {
  it("grants each permission to exactly the roles the README says", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(TABLE).sort());
    for (const [permission, roles] of Object.entries(TABLE) as [Permission, Record<string, boolean>][]) {
      for (const role of ROLES)
        expect([permission, role, can(role, permission)]).toEqual([permission, role, roles[role]]);
      expect(whyNot(permission)).toMatch(/\S/);
    }
  });

  it("grants nothing without a role", () => {
    expect(can(null, "tokens:own")).toBe(false);
    expect(can(undefined, "conference:view")).toBe(false);
  });
});
