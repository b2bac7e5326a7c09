"use client";
import { Check, ChevronDown } from "lucide-react";
import { Select as S } from "radix-ui";
import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "@/lib/ui/cn";
import { controlClass } from "./input";

/**
 * The select of every form: the browser's own <select>, framed like Input. Native on
 * purpose: phones show their own picker, and a <label htmlFor> names it as any control.
 */
export const NativeSelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(
  function NativeSelect({ className, ...props }, ref) {
    return (
      <select
        ref={ref}
        className={cn(controlClass, "h-9 px-2 disabled:cursor-not-allowed disabled:opacity-60", className)}
        {...props}
      />
    );
  },
);

/** One <option> a value, named by `label` (a table of names, or a function). */
export function Options<V extends string>({
  values,
  label,
}: {
  values: readonly V[];
  label: Readonly<Record<V, string>> | ((value: V) => string);
}) {
  return values.map((v) => (
    <option key={v} value={v}>
      {typeof label === "function" ? label(v) : label[v]}
    </option>
  ));
}

/**
 * A compact single-choice menu on Radix (keyboard, typeahead, screen readers), for a
 * toolbar where a styled popup sits better than the platform's list (the participant
 * sort). Forms use NativeSelect.
 */
export function Select<V extends string>({
  value,
  onValueChange,
  options,
  label,
  className,
  id,
}: {
  value: V;
  onValueChange: (value: V) => void;
  options: readonly { value: V; label: string }[];
  /** The accessible name, when no <label htmlFor> points at `id`. */
  label?: string;
  className?: string;
  id?: string;
}) {
  return (
    <S.Root value={value} onValueChange={(v) => onValueChange(v as V)}>
      <S.Trigger
        id={id}
        aria-label={label}
        className={cn(
          "inline-flex h-9 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-800 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800",
          className,
        )}
      >
        <S.Value />
        <S.Icon>
          <ChevronDown aria-hidden className="size-4 text-slate-500" />
        </S.Icon>
      </S.Trigger>
      <S.Portal>
        <S.Content
          position="popper"
          sideOffset={4}
          className="z-50 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <S.Viewport>
            {options.map((o) => (
              <S.Item
                key={o.value}
                value={o.value}
                className="relative flex cursor-default select-none items-center rounded py-1.5 pl-7 pr-2 text-slate-800 outline-none data-[highlighted]:bg-slate-100 dark:text-slate-100 dark:data-[highlighted]:bg-slate-800"
              >
                <S.ItemIndicator className="absolute left-2 inline-flex items-center">
                  <Check aria-hidden className="size-3.5" />
                </S.ItemIndicator>
                <S.ItemText>{o.label}</S.ItemText>
              </S.Item>
            ))}
          </S.Viewport>
        </S.Content>
      </S.Portal>
    </S.Root>
  );
}
