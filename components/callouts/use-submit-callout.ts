"use client";
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { toast } from "sonner";
import { toastError } from "@/components/ui/error-toast";
import { ApiError } from "@/lib/api/errors";
import type { DestinationKind } from "@/lib/vocabulary/callouts";
import type { CalloutSettings, PlaceCalloutResponse } from "@/lib/callouts/types";
import { calloutSchemas, fieldErrors, type ParsedCallout } from "@/lib/callouts/forms";
import { newIdempotencyKey, usePlaceCallout } from "@/lib/callouts/client/queries";
import { formatNumber } from "@/lib/conferences/format";
import { destinationError } from "./fields";

type SafeParse = (
  v: unknown,
) =>
  | { success: true; data: ParsedCallout }
  | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

function who(c: PlaceCalloutResponse["callout"]): string {
  return c.destination.type === "number" ? formatNumber(c.destination.endpoint) : c.destination.endpoint;
}

/**
 * Validates a form with the shared schema, then places the callout once: a second
 * submit while the first is in flight is ignored (the button is disabled too, but a
 * fast double click can beat React's re-render), and both would carry the same
 * idempotency key anyway. The key is new for every submission that settled, so
 * "Call" after a failure really tries again.
 */
export function useSubmitCallout(schema: { safeParse: SafeParse }, formRef: RefObject<HTMLFormElement | null>) {
  const place = usePlaceCallout();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [focusSeq, setFocusSeq] = useState(0);
  const sending = useRef(false);
  const key = useRef<string | null>(null);

  // After a refused submit, take the person to the first field that needs them.
  useEffect(() => {
    if (focusSeq === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusSeq, formRef]);

  function submit(input: unknown, onPlaced?: (r: PlaceCalloutResponse) => void): void {
    if (sending.current) return;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      setFocusSeq((n) => n + 1);
      return;
    }
    setErrors({});
    sending.current = true;
    key.current ??= newIdempotencyKey();
    place.mutate(
      { input: parsed.data, idempotencyKey: key.current },
      {
        onSuccess: (r) => {
          const target = who(r.callout);
          if (r.replayed) toast.info(`Already placed: ${target} is being called once.`);
          else if (r.callout.conferenceId) toast.success(`Calling ${target} into ${r.callout.conferenceId}`);
          else toast.success(`Calling ${target}`);
          onPlaced?.(r);
        },
        onError: (err) => {
          if (err instanceof ApiError && err.details?.fields?.length) {
            setErrors(Object.fromEntries(err.details.fields.map((f) => [f.path, f.message])));
            setFocusSeq((n) => n + 1);
          }
          toastError("Could not place the callout", err);
        },
        onSettled: () => {
          sending.current = false;
          key.current = null;
        },
      },
    );
  }

  return { submit, errors, setErrors, pending: place.isPending };
}

/**
 * What every one-callout form shares: the schema for these settings, submit-once, and
 * who to call. `destinationField` is DestinationField's props; the number is cleared
 * after each new callout (not after a replay), ready for the next person.
 */
export function useCalloutForm(settings: CalloutSettings, idPrefix: string) {
  const schemas = useMemo(() => calloutSchemas(settings), [settings]);
  const formRef = useRef<HTMLFormElement>(null);
  const { submit, errors, pending } = useSubmitCallout(schemas.callout, formRef);
  const [kind, setKind] = useState<DestinationKind>("number");
  const [endpoint, setEndpoint] = useState("");

  return {
    formRef,
    errors,
    pending,
    destination: { type: kind, endpoint },
    destinationField: {
      idPrefix,
      kind,
      onKindChange: setKind,
      value: endpoint,
      onChange: setEndpoint,
      error: destinationError(errors),
      defaultCountry: settings.defaultCountry,
    },
    submit(input: unknown, onPlaced?: (r: PlaceCalloutResponse) => void) {
      submit(input, (r) => {
        if (!r.replayed) setEndpoint("");
        onPlaced?.(r);
      });
    },
  };
}
