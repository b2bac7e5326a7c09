"use client";
import { Check, Minus } from "lucide-react";
import { Checkbox as C } from "radix-ui";
import { forwardRef, type ComponentPropsWithoutRef, type ComponentRef } from "react";
import { cn } from "@/lib/ui/cn";

/** A checkbox (role="checkbox"); `checked` may be "indeterminate". Give it an aria-label or a <label>. */
export const Checkbox = forwardRef<ComponentRef<typeof C.Root>, ComponentPropsWithoutRef<typeof C.Root>>(
  function Checkbox({ className, checked, ...props }, ref) {
    return (
      <C.Root
        ref={ref}
        checked={checked}
        className={cn(
          "inline-flex size-4 shrink-0 items-center justify-center rounded-[4px] border border-slate-400 bg-white text-white transition-colors hover:border-brand-500 disabled:cursor-not-allowed disabled:opacity-50 data-[state=checked]:border-brand-600 data-[state=checked]:bg-brand-600 data-[state=indeterminate]:border-brand-600 data-[state=indeterminate]:bg-brand-600 dark:border-slate-500 dark:bg-slate-900",
          className,
        )}
        {...props}
      >
        <C.Indicator className="flex items-center justify-center">
          {checked === "indeterminate" ? (
            <Minus aria-hidden className="size-3" strokeWidth={3} />
          ) : (
            <Check aria-hidden className="size-3" strokeWidth={3} />
          )}
        </C.Indicator>
      </C.Root>
    );
  },
);
