// The command line of `npm run bench` (see HOW_TO_RUN in report.ts).
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_WORKERS } from './client-pool.ts';
import { ROUNDS } from './latency.ts';

/** The parts of the bench that `--only` may name. */
export const PARTS = ['latency', 'trace', 'memory', 'idle', 'scale-out', 'browser', 'offline'] as const;

/** One part of the bench. */
export type Part = (typeof PARTS)[number];

/** What to run, and where the results go. */
export interface BenchArgs {
  quick: boolean;
  parts: Set<Part>;
  workers: number;
  /** Rounds per scenario and server. */
  rounds: number;
  /** Where to write the results; null for a partial run without --out. */
  out: URL | null;
  /** The flags as given, for the results' header. */
  flags: string;
}

/** Parses the bench's flags; throws with a sentence on a mistake. */
export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      workers: { type: 'string' },
      rounds: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const parts = new Set<Part>();
  for (const name of values.only?.split(',').map((p) => p.trim()).filter(Boolean) ?? PARTS) {
    if (!(PARTS as readonly string[]).includes(name)) throw new Error(`--only takes parts among ${PARTS.join(', ')}, not "${name}"`);
    parts.add(name as Part);
  }
  const workers = wholeNumber('--workers', values.workers, DEFAULT_WORKERS);
  const rounds = wholeNumber('--rounds', values.rounds, ROUNDS);
  const partial = values.quick || values.only !== undefined || rounds < ROUNDS;
  const out = values.out ? pathToFileURL(isAbsolute(values.out) ? values.out : resolve(values.out)) : partial ? null : new URL('./RESULTS.md', import.meta.url);
  return { quick: values.quick ?? false, parts, workers, rounds, out, flags: argv.join(' ') };
}

// A flag's whole number of at least 1, or `fallback` when it is absent.
function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1) throw new Error(`${flag} takes a whole number of at least 1, not "${value}"`);
  return number;
}
