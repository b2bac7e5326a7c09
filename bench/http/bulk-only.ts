/**
 * The HTTP suite's two bulk rows alone (`npm run bench -- --only bulk`): a bulk mute
 * of 200 at 50 ms upstream latency, and the same while Sinch answers one request in
 * ten 429 (issue 12, item 9), against the production build, without the rest of the
 * suite's ten minutes.
 */
import { bulkRows } from "./requests";
import { buildGavel, startStack } from "./stack";
import { Results } from "./table";

export async function benchBulk(o: { distDir: string; port: number; emulatorPort: number; quick: boolean }) {
  console.log(`\n## Bulk rows (--only bulk)\n`);
  buildGavel(o.distDir, false);
  const s = await startStack({
    port: o.port,
    emulatorPort: o.emulatorPort,
    distDir: o.distDir,
    viewerPeople: 1,
    moderators: 1,
  });
  try {
    const res = new Results();
    await bulkRows(s, res, { bulk: o.quick ? 20 : 200 });
    res.print();
  } finally {
    await s.stop();
  }
}
