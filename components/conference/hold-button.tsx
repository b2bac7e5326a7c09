"use client";
import { ChevronDown, Pause } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Tooltip } from "@/components/ui/tooltip";
import { MOH_CLASSES, MOH_LABELS } from "@/lib/conferences/client/hold-music";
import type { MohClass } from "@/lib/conferences/types";
import { cn } from "@/lib/ui/cn";

/**
 * A split button: "Hold" with the remembered music, and a menu to hold with another
 * (which becomes the remembered choice). `who` completes the accessible names:
 * "Hold +46 70 816 87 31", "Hold music for +46 70 816 87 31".
 */
export function HoldButton({
  who,
  moh,
  onHold,
  onChooseMusic,
  disabled,
  className,
  hint,
}: {
  who: string;
  moh: MohClass;
  onHold: (moh: MohClass) => void;
  onChooseMusic: (moh: MohClass) => void;
  disabled?: boolean;
  className?: string;
  /** Extra tooltip text, e.g. the keyboard shortcut. */
  hint?: string;
}) {
  const main = (
    <Button
      size="sm"
      aria-label={`Hold ${who}`}
      disabled={disabled}
      onClick={() => onHold(moh)}
      className="flex-1 justify-start rounded-r-none pr-2"
    >
      <Pause aria-hidden className="size-3.5" />
      Hold
    </Button>
  );
  return (
    <div className={cn("inline-flex", className)}>
      {disabled ? main : <Tooltip content={`Hold with ${MOH_LABELS[moh]}${hint ? ` · ${hint}` : ""}`}>{main}</Tooltip>}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild disabled={disabled}>
          <Button
            size="sm"
            aria-label={`Hold music for ${who}`}
            disabled={disabled}
            className="-ml-px rounded-l-none px-1.5"
          >
            <ChevronDown aria-hidden className="size-3.5" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuLabel>Hold with</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={moh}>
            {MOH_CLASSES.map((m) => (
              <DropdownMenuRadioItem
                key={m}
                value={m}
                onSelect={() => {
                  onChooseMusic(m);
                  onHold(m);
                }}
              >
                {MOH_LABELS[m]}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
