"use client";
import { useEffect, useState } from "react";
import { useNumberLookup } from "@/lib/directory/client/name-number";
import { LABEL_MAX } from "@/lib/vocabulary/callouts";

/** How long typing must pause before the number is looked up. */
const SETTLE_MS = 400;

/**
 * A callout's display label and the directory agree: once the number typed belongs to
 * a contact, the label is filled with their name, unless someone typed a label of
 * their own (a label this hook filled is replaced when the number changes). Answers
 * the directory's name, for the form to say where the label came from.
 */
export function useDirectoryLabel(
  destination: { type: string; endpoint: string },
  label: string,
  setLabel: (label: string) => void,
): string | null {
  const typed = destination.type === "number" ? destination.endpoint.trim() : "";
  const [settled, setSettled] = useState(typed);
  useEffect(() => {
    const t = setTimeout(() => setSettled(typed), SETTLE_MS);
    return () => clearTimeout(t);
  }, [typed]);
  // Fewer digits than any real number: not worth asking.
  const enough = settled !== "" && settled === typed && settled.replace(/\D/g, "").length >= 6;
  const lookup = useNumberLookup(settled, enough);
  const found = enough ? (lookup.data?.contact?.name.slice(0, LABEL_MAX) ?? null) : null;

  // Adjusted during render (React's pattern for state that follows a change), not in an effect.
  const [filled, setFilled] = useState<{ number: string; name: string } | null>(null);
  if (found && filled?.number !== settled && (label.trim() === "" || label === filled?.name)) {
    setFilled({ number: settled, name: found });
    if (label !== found) setLabel(found);
  }
  return found;
}
