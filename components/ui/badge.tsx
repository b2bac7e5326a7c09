import { cva, type VariantProps } from "class-variance-authority";
import type { HTMLAttributes } from "react";
import { cn } from "@/lib/ui/cn";

const badgeVariants = cva("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium", {
  variants: {
    tone: {
      neutral: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
      muted: "bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200",
      hold: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
      success: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
      danger: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200",
      info: "bg-brand-100 text-brand-700 dark:bg-brand-700/30 dark:text-brand-100",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export function Badge({
  className,
  tone,
  ...props
}: HTMLAttributes<HTMLSpanElement> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
