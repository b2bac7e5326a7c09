import { useMutation, type DefaultError, type UseMutationOptions, type UseMutationResult } from "@tanstack/react-query";
import { useMemo, type DependencyList } from "react";

/**
 * useMutation with its options made once per `deps` rather than on every render.
 * useMutation hands each new options object to its observer, which tells the mutation
 * cache: a task of its own, read by every useMutationState on the page. The page census
 * (`npm run bench -- --only page-census`) counted ten such tasks per poll on the
 * conference page, one per mutation hook in a component the poll re-rendered. `deps`
 * are checked like useMemo's (eslint.config.mjs names this hook to react-hooks).
 */
export function useSteadyMutation<TData = unknown, TError = DefaultError, TVariables = void, TOnMutateResult = unknown>(
  make: () => UseMutationOptions<TData, NoInfer<TError>, TVariables, TOnMutateResult>,
  deps: DependencyList,
): UseMutationResult<TData, TError, TVariables, TOnMutateResult> {
  // The caller's deps, checked at each call (additionalHooks).
  // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo
  return useMutation(useMemo(make, deps));
}
