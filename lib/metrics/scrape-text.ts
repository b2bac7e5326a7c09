/**
 * Reads Prometheus's text format back (tests and the e2e run check a scrape with it):
 * each family's samples with their labels, and one total per family (a counter's or
 * gauge's samples summed, a histogram's observation counts summed). Pure.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  type: string;
  samples: Sample[];
  /** Counter and gauge: the samples' sum; histogram and summary: the observations counted. */
  total: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function labelsOf(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of (text ?? "").matchAll(LABEL))
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
  return labels;
}

/** The families of a scrape by name (the name its # TYPE line gives). */
export function parseScrape(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  let current: { name: string; family: Family } | undefined;
  for (const line of text.split("\n")) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      const family: Family = { type: type[2]!, samples: [], total: 0 };
      families.set(type[1]!, family);
      current = { name: type[1]!, family };
      continue;
    }
    if (line.startsWith("#") || line.trim() === "" || !current) continue;
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const sample: Sample = { name: m[1]!, labels: labelsOf(m[2]), value: Number(m[3]) };
    const { name, family } = current;
    family.samples.push(sample);
    const counted = family.type === "histogram" || family.type === "summary" ? `${name}_count` : name;
    if (sample.name === counted) family.total += sample.value;
  }
  return families;
}
