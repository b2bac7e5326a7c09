/**
 * The browser's side of "who is this number": the lookup the callout forms and the
 * row's naming form use, and "Name this number", which puts the name on the room's
 * rows at once (the server has the room fetch again, so other viewers see it at
 * their next poll) and refreshes the timeline and the directory.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSteadyMutation } from "../../query/use-steady-mutation";
import { callApi } from "../../api/fetch";
import { timelineKeys } from "../../attendance/schemas";
import { editLive } from "../../conferences/client/queries";
import { conferenceKeys } from "../../conferences/schemas";
import { directoryEndpoints as directoryApi } from "../endpoints";
import type { NameNumberBody } from "../schemas";
import { directoryKeys } from "../types";

export const lookupKey = (number: string) => [...directoryKeys.all, "lookup", number] as const;

/** Who holds a number; idle while `number` is empty. */
export function useNumberLookup(number: string, enabled = true) {
  const typed = number.trim();
  return useQuery({
    queryKey: lookupKey(typed),
    queryFn: ({ signal }) => callApi(directoryApi.lookup, { query: { number: typed }, signal }),
    enabled: enabled && typed !== "",
    retry: false,
    staleTime: 30_000,
  });
}

export function useNameNumber() {
  const qc = useQueryClient();
  return useSteadyMutation(
    () => ({
      mutationFn: (body: NameNumberBody) => callApi(directoryApi.nameNumber, { body }),
      onSuccess: (result, body) => {
        const id = body.conferenceId;
        if (id) {
          const name = result.contact.name;
          const numbers = new Set(result.contact.numbers);
          editLive(qc, id, (ps) => ps.map((p) => (numbers.has(p.cli) && p.name !== name ? { ...p, name } : p)));
          void qc.invalidateQueries({ queryKey: conferenceKeys.live(id) });
          void qc.invalidateQueries({ queryKey: timelineKeys.detail(id) });
        }
        void qc.invalidateQueries({ queryKey: directoryKeys.all });
      },
    }),
    [qc],
  );
}
