// A story's release state (model/release-state.ts) in words for the story and the list: the
// embargo in the user's zone, named; the countdown to its lifting; the hold and the kill.
import type { ReleaseMark } from '../../../model/release-state.ts';
import { deadlineLeft } from './time.ts';

/** An embargo as a user in `timeZone` reads it: `8 Dec 2026, 06:00 (Europe/London)` (locale `locale`, the browser's by default). */
export function formatEmbargo(instant: number, timeZone: string, locale?: string): string {
  const shown = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
  return `${shown} (${timeZone})`;
}

/** How long until the embargo lifts at `now`: `embargo lifts in 2 h 10 min`; null once it has. */
export function embargoCountdown(until: number, now: number): string | null {
  if (now >= until) return null;
  return `embargo lifts ${deadlineLeft(until, now).text}`;
}

/** A hold's or kill's line: `Court order — Dana Desk, 7 Dec 2026, 14:00 (Europe/London)`. */
export function markText(mark: ReleaseMark, timeZone: string, locale?: string): string {
  return `${mark.note} — ${mark.byName || 'someone'}, ${formatEmbargo(mark.at, timeZone, locale)}`;
}
