/**
 * Stub: replaced by the outcomes branch, which decides unknown and interrupted
 * audit entries from what Sinch shows. Kept here so instrumentation.ts compiles.
 */
export async function startReconciler(): Promise<void> {}
