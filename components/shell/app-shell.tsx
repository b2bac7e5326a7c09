import Link from "next/link";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/auth/actor";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { NavLinks } from "./nav-links";
import { RoleWatcher } from "./role-watcher";
import { AccountMenu, SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const links = [
    { href: "/", label: "Conferences" },
    ...(can(actor.role, "callout:place") ? [{ href: "/callouts", label: "Callouts" }] : []),
    ...(can(actor.role, "directory:read") ? [{ href: "/directory", label: "Directory" }] : []),
    ...(can(actor.role, "audit:read") ? [{ href: "/audit", label: "Audit" }] : []),
    ...(can(actor.role, "users:manage") ? [{ href: "/users", label: "Users" }] : []),
    ...(can(actor.role, "tokens:own") ? [{ href: "/tokens", label: "API tokens" }] : []),
    ...(can(actor.role, "api:docs") ? [{ href: "/docs/api", label: "API" }] : []),
  ];
  return (
    <div className="flex min-h-screen flex-col">
      <RoleWatcher role={actor.role} />
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
          <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
            {/* eslint-disable-next-line @next/next/no-img-element -- a tiny static SVG */}
            <img src="/favicon.svg" alt="" width={24} height={24} />
            Gavel
          </Link>
          <NavLinks links={links} />
          <div className="ml-auto flex max-w-full min-w-0 items-center gap-2 text-sm">
            <span className="hidden text-slate-600 sm:inline dark:text-slate-400" data-testid="signed-in-as">
              Signed in as <span className="font-medium text-slate-900 dark:text-slate-100">{actor.name}</span> (
              {ROLE_LABELS[actor.role]})
            </span>
            {/* Phones: who is signed in stays visible, shorter. */}
            <span
              className="min-w-0 truncate text-slate-600 sm:hidden dark:text-slate-400"
              data-testid="signed-in-as-short"
            >
              <span className="sr-only">Signed in as </span>
              <span className="font-medium text-slate-900 dark:text-slate-100">{actor.name}</span> (
              {ROLE_LABELS[actor.role]})
            </span>
            <ThemeToggle />
            <SignOutButton />
            <AccountMenu />
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
