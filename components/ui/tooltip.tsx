"use client";
import { Tooltip as T } from "radix-ui";
import type { ReactNode } from "react";

/**
 * Explains on hover and focus (e.g. why a control is disabled for this role).
 * The trigger's child must be focusable; disabled buttons are wrapped in a span
 * so the reason stays reachable by keyboard.
 */
export function Tooltip({ content, children }: { content: ReactNode; children: ReactNode }) {
  if (!content) return <>{children}</>;
  return (
    <T.Root delayDuration={200}>
      <T.Trigger asChild>{children}</T.Trigger>
      <T.Portal>
        <T.Content
          sideOffset={6}
          className="z-50 max-w-xs rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
        >
          {content}
          <T.Arrow className="fill-slate-900 dark:fill-slate-100" />
        </T.Content>
      </T.Portal>
    </T.Root>
  );
}

export const TooltipProvider = T.Provider;
