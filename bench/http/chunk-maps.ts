/**
 * Where a position in one of Gavel's browser chunks comes from: the build's source
 * maps (written when GAVEL_BROWSER_SOURCE_MAPS is on), read once per chunk. The page
 * profile charges CPU and heap samples with it, the page census timers' call sites.
 */
import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";

/** A position in a loaded script, 0-based, as CDP's call frames give it. */
export interface ScriptPosition {
  url: string;
  lineNumber: number;
  columnNumber: number;
}

const maps = new Map<string, SourceMap | null>();

/** The build's source map of a browser chunk, when the build wrote one. */
function chunkMap(distDir: string, url: string): SourceMap | null {
  const m = /\/_next\/static\/(.+\.js)$/.exec(url.split("?")[0] ?? "");
  if (!m) return null;
  const at = `${distDir}\u0000${url}`;
  if (!maps.has(at)) {
    try {
      // Turbopack names the map in the chunk's last line (not always <chunk>.map).
      const file = path.join(distDir, "static", m[1]!);
      const named = /sourceMappingURL=(\S+)\s*$/.exec(readFileSync(file, "utf8").slice(-300))?.[1];
      const mapFile = named ? path.join(path.dirname(file), named) : `${file}.map`;
      maps.set(at, new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))));
    } catch {
      maps.set(at, null);
    }
  }
  return maps.get(at)!;
}

/** The original file of a position ("components/…", "node_modules/…"), with its line when asked; null when unmapped. */
export function originOf(distDir: string, f: ScriptPosition, withLine = false): string | null {
  const e = chunkMap(distDir, f.url)?.findEntry(f.lineNumber, f.columnNumber) as
    | { originalSource?: string; originalLine?: number; name?: string }
    | undefined;
  if (!e?.originalSource) return null;
  const file = e.originalSource.replace(/^.*?(node_modules\/|\[project\]\/)/, "$1").replace(/^\[project\]\//, "");
  return withLine ? `${file}:${(e.originalLine ?? 0) + 1}` : file;
}
