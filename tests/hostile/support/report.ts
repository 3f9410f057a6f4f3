// The hostile suite's figures: per attack, the server's memory before, at its peak and after,
// and the honest editors' delivery times. Printed as one line per attack and appended to
// $TMPDIR/newsroom-hostile-report.jsonl, from which SECURITY.md's table is copied.
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryStats } from './honest-traffic.ts';

/** What one attack did to the server and to everyone else. */
export interface AttackFigures {
  attack: string;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
  delivery: DeliveryStats;
  /** Anything else worth a reader's eye (bytes sent, frames, how the attacker was stopped). */
  note?: string;
}

/** Where the figures go. */
export const REPORT_FILE = join(tmpdir(), 'newsroom-hostile-report.jsonl');

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');

/** How many attack files ran at once (vitest.config.ts): delivery times share the machine with the others. */
const FILES_AT_ONCE = Number(process.env.HOSTILE_FILES_AT_ONCE ?? 2);

/** Prints and records the figures of one attack. */
export function reportAttack(figures: AttackFigures): void {
  const { attack, rssBefore, rssPeak, rssAfter, delivery, note } = figures;
  console.log(
    `[hostile] ${attack}: RSS ${mib(rssBefore)} → peak ${mib(rssPeak)} → ${mib(rssAfter)}; ` +
      `honest keystrokes ${delivery.delivered}/${delivery.keystrokes}, p50 ${ms(delivery.p50)}, p99 ${ms(delivery.p99)}, max ${ms(delivery.max)}` +
      (note ? `; ${note}` : '') +
      (FILES_AT_ONCE > 1 ? ` (${FILES_AT_ONCE} attack files at once)` : ''),
  );
  appendFileSync(REPORT_FILE, JSON.stringify({ at: new Date().toISOString(), filesAtOnce: FILES_AT_ONCE, ...figures }) + '\n');
}
