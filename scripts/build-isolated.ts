/**
 * `next build` into GAVEL_NEXT_DIST_DIR without leaving traces in tsconfig.json.
 *
 * Works around Next.js rewriting tsconfig.json's "include" to add
 * `<distDir>/types/**` for every distDir it builds into: e2e runs build into their
 * own directory (.next-e2e-PORT) so several can run side by side, and each would
 * otherwise leave its own line in the committed file. Arguments after the script's
 * name go to `next build` (`--profile`, `--no-mangling`).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const tsconfig = path.join(process.cwd(), "tsconfig.json");
const before = readFileSync(tsconfig, "utf8");
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const result = spawnSync(process.execPath, [nextBin, "build", ...process.argv.slice(2)], { stdio: "inherit" });
if (readFileSync(tsconfig, "utf8") !== before) writeFileSync(tsconfig, before);
process.exit(result.status ?? 1);
