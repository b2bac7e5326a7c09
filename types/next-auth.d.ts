import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: Role | undefined };
    disabled: boolean;
  }
  interface User {
    role?: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: string;
    disabled?: boolean;
    /** The user's session generation when the token was issued (lib/auth/server/session-state.ts). */
    gen?: number;
    /** This session's id, so that signing out can revoke it alone. */
    sid?: string;
  }
}
