"use client";
import { ChevronDown, LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { callApi } from "@/lib/api/fetch";
import { sessionEndpoints } from "@/lib/auth/endpoints";

export function SignOutButton() {
  return (
    <Button size="sm" variant="ghost" onClick={() => void signOut({ callbackUrl: "/login" })}>
      <LogOut aria-hidden className="size-4" />
      Sign out
    </Button>
  );
}

/**
 * "Sign out everywhere" ends every session of the person (other browsers and
 * devices, copies of a cookie included), then this one. Rarely wanted, so it sits in
 * a small menu beside Sign out rather than as a second button the header (and a
 * phone's width) has no room for.
 */
export function AccountMenu() {
  const [busy, setBusy] = useState(false);
  async function signOutEverywhere() {
    setBusy(true);
    try {
      await callApi(sessionEndpoints.endAll);
    } finally {
      await signOut({ callbackUrl: "/login" });
    }
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          size="sm"
          variant="ghost"
          aria-label="More sign-out choices"
          title="More sign-out choices"
          disabled={busy}
        >
          <ChevronDown aria-hidden className="size-4" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem onSelect={() => void signOutEverywhere()}>
          <LogOut aria-hidden className="size-4" />
          <span>
            Sign out everywhere
            <span className="block text-xs text-slate-500 dark:text-slate-400">Every browser and device</span>
          </span>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
