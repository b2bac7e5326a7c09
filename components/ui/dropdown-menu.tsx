"use client";
import { Check } from "lucide-react";
import { DropdownMenu as M } from "radix-ui";
import type { ComponentPropsWithoutRef, ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

export const DropdownMenu = M.Root;
export const DropdownMenuTrigger = M.Trigger;
export const DropdownMenuRadioGroup = M.RadioGroup;

export function DropdownMenuContent({ className, ...props }: ComponentPropsWithoutRef<typeof M.Content>) {
  return (
    <M.Portal>
      <M.Content
        sideOffset={4}
        align="end"
        collisionPadding={8}
        className={cn(
          "z-50 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100",
          className,
        )}
        {...props}
      />
    </M.Portal>
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentPropsWithoutRef<typeof M.Label>) {
  return (
    <M.Label
      className={cn("px-2 py-1.5 text-xs font-medium text-slate-500 dark:text-slate-400", className)}
      {...props}
    />
  );
}

const item =
  "relative flex cursor-default select-none items-center gap-2 rounded px-2 py-1.5 outline-none data-[disabled]:pointer-events-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800";

export function DropdownMenuItem({ className, ...props }: ComponentPropsWithoutRef<typeof M.Item>) {
  return <M.Item className={cn(item, className)} {...props} />;
}

export function DropdownMenuRadioItem({
  className,
  children,
  ...props
}: ComponentPropsWithoutRef<typeof M.RadioItem> & { children: ReactNode }) {
  return (
    <M.RadioItem className={cn(item, "pl-7", className)} {...props}>
      <M.ItemIndicator className="absolute left-2 inline-flex items-center">
        <Check aria-hidden className="size-3.5" />
      </M.ItemIndicator>
      {children}
    </M.RadioItem>
  );
}

export function DropdownMenuSeparator({ className, ...props }: ComponentPropsWithoutRef<typeof M.Separator>) {
  return <M.Separator className={cn("-mx-1 my-1 h-px bg-slate-200 dark:bg-slate-700", className)} {...props} />;
}
