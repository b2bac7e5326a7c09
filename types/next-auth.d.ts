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
    refreshedAt?: number;
  }
}
