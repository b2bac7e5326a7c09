import type { ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

/** A key as printed on the keyboard. */
export function Kbd({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <kbd
      className={cn(
        "inline-flex h-5 min-w-5 items-center justify-center rounded border border-slate-300 bg-slate-50 px-1 font-mono text-[11px] font-medium text-slate-700 shadow-[0_1px_0_0] shadow-slate-300 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:shadow-slate-700",
        className,
      )}
    >
      {children}
    </kbd>
  );
}
