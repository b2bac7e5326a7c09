"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/ui/cn";

export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
      {links.map((l) => {
        const active =
          l.href === "/" ? pathname === "/" || pathname.startsWith("/conferences") : pathname.startsWith(l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
              active && "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white",
            )}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
