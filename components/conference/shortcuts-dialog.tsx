"use client";
import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";

const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["/"], what: "Search participants" },
  { keys: ["j"], what: "Next participant" },
  { keys: ["k"], what: "Previous participant" },
  { keys: ["m"], what: "Mute or unmute" },
  { keys: ["h"], what: "Hold (with the last music chosen) or resume" },
  { keys: ["r"], what: "Resume from hold" },
  { keys: ["x"], what: "Kick (asks first)" },
  { keys: ["?"], what: "Show these shortcuts" },
];

/** The console's keyboard shortcuts ("?"). */
export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Keyboard shortcuts"
      description="They act on the highlighted participant, and do nothing while you type in a field."
    >
      <dl className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-slate-700 dark:text-slate-300">{s.what}</dt>
            <dd className="flex gap-1">
              {s.keys.map((k) => (
                <Kbd key={k}>{k}</Kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
