/**
 * One JSON line per event on stdout (errors on stderr), so a request id in a toast can
 * be found in the server log with grep.
 *
 * By default a line is written with console (synchronous, which tests rely on). The
 * web server process installs the non-blocking writer (./line-writer.ts) at start-up
 * (scripts/serve.ts): a console write to a pipe blocks the event loop in Node, and one
 * line per request would then be paid on every request's path. The writer is kept on
 * globalThis, so Next's bundles and the front server all log through it.
 */
type Level = "info" | "warn" | "error";

/** Where lines go once installed: `error` lines to stderr, the rest to stdout. */
export type LineSink = (stream: "stdout" | "stderr", line: string) => void;

const SINK = Symbol.for("gavel.logSink");
type Holder = typeof globalThis & { [SINK]?: LineSink };

/** Sends every later line to `sink` (the process's; see ./line-writer.ts). */
export function installLineSink(sink: LineSink | undefined): void {
  (globalThis as Holder)[SINK] = sink;
}

export function log(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
  const sink = (globalThis as Holder)[SINK];
  if (sink) sink(level === "error" ? "stderr" : "stdout", line);
  else if (level === "error") console.error(line);
  else console.log(line);
}
