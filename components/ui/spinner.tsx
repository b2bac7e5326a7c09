import { Loader2 } from "lucide-react";
import { cn } from "@/lib/ui/cn";

/** A small busy indicator; decorative (say what is happening in text or aria-busy). */
export function Spinner({ className }: { className?: string }) {
  return <Loader2 aria-hidden className={cn("size-4 animate-spin", className)} />;
}
