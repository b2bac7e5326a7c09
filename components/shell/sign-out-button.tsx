"use client";
import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  return (
    <Button size="sm" variant="ghost" onClick={() => void signOut({ callbackUrl: "/login" })}>
      <LogOut aria-hidden className="size-4" />
      Sign out
    </Button>
  );
}
