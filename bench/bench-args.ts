// The command line of `npm run bench` (see HOW_TO_RUN in report.ts).
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_WORKERS } from './client-pool.ts';

/** The parts of the bench that `--only` may name. */
export const PARTS = ['latency', 'trace', 'memory', 'idle', 'scale-out'] as const;

/** One part of the bench. */
export type Part = (typeof PARTS)[number];

/** What to run, and where the results go. */
export interface BenchArgs {
  quick: boolean;
  parts: Set<Part>;
  workers: number;
  /** Where to write the results; null for a partial run without --out. */
  out: URL | null;
  /** The flags as given, for the results' header. */
  flags: string;
}

/** Parses the bench's flags; throws with a sentence on a mistake. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, workers: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const parts = new Set<Part>();
  for (const name of values.only?.split(',').map((p) => p.trim()).filter(Boolean) ?? PARTS) {
    if (!(PARTS as readonly string[]).includes(name)) throw new Error(`--only takes parts among ${PARTS.join(', ')}, not "${name}"`);
    parts.add(name as Part);
  }
  const workers = values.workers === undefined ? DEFAULT_WORKERS : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers takes a whole number of at least 1, not "${values.workers}"`);
  const partial = values.quick || values.only !== undefined;
  const out = values.out ? pathToFileURL(isAbsolute(values.out) ? values.out : resolve(values.out)) : partial ? null : new URL('./RESULTS.md', import.meta.url);
  return { quick: values.quick ?? false, parts, workers, out, flags: argv.join(' ') };
}
