/**
 * The web server's non-blocking log writer: lines are queued and written in batches,
 * a few writes per stream per turn of the event loop, by fs.write on the stream's file
 * descriptor, which runs on libuv's thread pool. A request's answer never waits for
 * its log line, and a slow reader of the log (a full pipe) delays the log, not the
 * server. Order is kept per stream (one write in flight at a time); what is still
 * queued when the process exits is written synchronously then.
 *
 * No `import "server-only"`: scripts/serve.ts installs it before Next is loaded.
 */
import fs from "node:fs";
import { installLineSink, type LineSink } from "./logger";

/**
 * Bytes per write at most (PIPE_BUF): a pipe writes that much atomically, so a batch
 * never interleaves mid-line with another writer's output (Next's own console lines).
 * A larger batch is split at line boundaries.
 */
const MAX_BATCH_BYTES = 4096;

export class LineQueue {
  private lines: string[] = [];
  private writing = false;
  private scheduled = false;

  constructor(private readonly fd: number) {}

  push(line: string): void {
    this.lines.push(line);
    if (!this.scheduled && !this.writing) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private take(): Buffer {
    let size = 0;
    let n = 0;
    while (n < this.lines.length && (n === 0 || size + this.lines[n]!.length + 1 <= MAX_BATCH_BYTES)) {
      size += this.lines[n]!.length + 1;
      n++;
    }
    const batch = this.lines.splice(0, n);
    return Buffer.from(`${batch.join("\n")}\n`);
  }

  private flush(): void {
    this.scheduled = false;
    if (this.writing || this.lines.length === 0) return;
    this.writing = true;
    this.write(this.take(), 0);
  }

  private write(buf: Buffer, offset: number): void {
    fs.write(this.fd, buf, offset, buf.length - offset, null, (err, written) => {
      if (err && (err as NodeJS.ErrnoException).code === "EAGAIN") {
        // A non-blocking pipe that is full: try again shortly.
        setTimeout(() => this.write(buf, offset), 5).unref();
        return;
      }
      // Any other failure (the reader went away) drops the batch, as console would throw it away.
      if (!err && offset + written < buf.length) {
        this.write(buf, offset + written);
        return;
      }
      this.writing = false;
      if (this.lines.length > 0) this.flush();
    });
  }

  /** At exit: what is queued, written now. */
  drainSync(): void {
    if (this.lines.length === 0) return;
    try {
      fs.writeSync(this.fd, `${this.lines.join("\n")}\n`);
    } catch {
      // Nowhere left to write.
    }
    this.lines = [];
  }
}

/** Installs the non-blocking writer for this process's log lines. */
export function installNonBlockingLog(): void {
  const out = new LineQueue(1);
  const err = new LineQueue(2);
  const sink: LineSink = (stream, line) => (stream === "stderr" ? err : out).push(line);
  installLineSink(sink);
  process.on("exit", () => {
    out.drainSync();
    err.drainSync();
  });
}
