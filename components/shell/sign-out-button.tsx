"use client";
import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { callApi } from "@/lib/api/fetch";
import { sessionApi } from "@/lib/auth/contract";

export function SignOutButton() {
  return (
    <Button size="sm" variant="ghost" onClick={() => void signOut({ callbackUrl: "/login" })}>
      <LogOut aria-hidden className="size-4" />
      Sign out
    </Button>
  );
}

/** Ends every session of the person (other browsers, copied cookies), then this one. */
export function SignOutEverywhereButton() {
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      await callApi(sessionApi.endAll);
    } finally {
      await signOut({ callbackUrl: "/login" });
    }
  }
  return (
    <Button
      size="sm"
      variant="ghost"
      disabled={busy}
      title="Sign out on every browser and device"
      onClick={() => void run()}
    >
      Sign out everywhere
    </Button>
  );
}
