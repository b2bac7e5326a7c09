/**
 * One instance per process of something that holds state: the database pool, the
 * poll cache, the attendance tracker's lists, the kick notes.
 *
 * A module-level `const` is not enough under Next: the dev server re-evaluates
 * modules on every change, and separate route bundles can each evaluate their own
 * copy of a module, so module state would split in two (two pools, two caches that
 * disagree). The instance is kept on globalThis, which all of them share.
 */

const SINGLETONS = Symbol.for("gavel.processSingletons");

type Holder = typeof globalThis & { [SINGLETONS]?: Map<string, unknown> };

const singletons: Map<string, unknown> = ((globalThis as Holder)[SINGLETONS] ??= new Map());

/** The process's instance under `key`, created by `init` on first use. */
export function processSingleton<T>(key: string, init: () => T): T {
  if (!singletons.has(key)) singletons.set(key, init());
  // Each key is used by exactly one call site, which fixes its type.
  return singletons.get(key) as T;
}
