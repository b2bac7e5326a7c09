/**
 * The non-blocking log writer: lines pushed are not written during the push (the
 * request's path), then all arrive, whole and in order, in batches no larger than a
 * pipe writes atomically; what is queued at exit is written synchronously.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LineQueue } from "./line-writer";

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function target(): { fd: number; read: () => string } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gavel-lines-"));
  const file = path.join(dir, "out.log");
  const fd = fs.openSync(file, "a");
  return { fd, read: () => fs.readFileSync(file, "utf8") };
}

describe("LineQueue", () => {
  it("writes nothing while lines are pushed, then every line in order", async () => {
    const { fd, read } = target();
    const writes = vi.spyOn(fs, "write");
    const q = new LineQueue(fd);
    const lines = Array.from({ length: 500 }, (_, i) => JSON.stringify({ i, pad: "x".repeat(i % 97) }));
    for (const line of lines) q.push(line);
    expect(read()).toBe("");
    expect(writes).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(read()).toBe(`${lines.join("\n")}\n`));
    // Several batches, each at most a pipe's atomic write.
    expect(writes.mock.calls.length).toBeGreaterThan(1);
    for (const call of writes.mock.calls) expect((call as unknown[])[3] as number).toBeLessThanOrEqual(4096);
    fs.closeSync(fd);
  });

  it("writes what is queued synchronously when asked to drain (at exit)", () => {
    const { fd, read } = target();
    const q = new LineQueue(fd);
    q.push("one");
    q.push("two");
    q.drainSync();
    expect(read()).toBe("one\ntwo\n");
    fs.closeSync(fd);
  });
});
