// Human times for the story list: "just now", "5 min ago", "yesterday 14:02", a date.

/** How long ago `at` was, relative to `now`, in newsroom shorthand. */
export function timeAgo(at: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const date = new Date(at);
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  // "Yesterday" is the previous calendar day, not any time 24 to 48 hours ago.
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (date.toDateString() === yesterday.toDateString()) return `yesterday ${time}`;
  return date.toLocaleDateString([], { day: 'numeric', month: 'short', year: date.getFullYear() === new Date(now).getFullYear() ? undefined : 'numeric' });
}

/** A story's length against its target: `350 / 600`, or `350` without one. */
export function wordsAgainstTarget(words: number, target: number | null): string {
  return target === null ? words.toLocaleString() : `${words.toLocaleString()} / ${target.toLocaleString()}`;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// "3 h 5 min", "2 d 4 h", "40 min": the largest two units of a non-negative whole number of minutes.
function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** Time left to a deadline (an instant) at `now`: `in 40 min`, `due now` (the minute it falls due), `12 min late`; `late` once past it. */
export function deadlineLeft(deadline: number, now = Date.now()): { text: string; late: boolean } {
  const left = deadline - now;
  // Time left is rounded up and lateness down, so neither says "0 min" nor turns over early.
  if (left > 0) return { text: `in ${minutesText(Math.ceil(left / MINUTE))}`, late: false };
  const late = Math.floor(-left / MINUTE);
  return { text: late === 0 ? 'due now' : `${minutesText(late)} late`, late: left < 0 };
}

// The wall-clock fields of `instant` in `timeZone`, as numbers.
function wallClock(instant: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

// How far `timeZone`'s clock is ahead of UTC at `instant`, in ms (whole seconds).
function zoneOffset(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The value a `datetime-local` input shows for `instant` in `timeZone` (IANA name): `2026-12-07T17:30`. */
export function deadlineInputValue(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * The instant a `datetime-local` value means in `timeZone`, or null when it is no such value. A
 * wall time the zone skips (clocks going forward) lands as far past the gap as it was into it; one
 * the zone has twice (clocks going back) is the earlier.
 */
export function deadlineFromInput(value: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(asUtc) || deadlineInputValue(asUtc, 'UTC') !== value) return null; // 31 Feb, 25:00, years before 100
  // A zone changes its offset at most once in a day here: the offsets a day before and after are
  // the two it can have. Of the readings that show the wall time asked for, the earlier wins.
  const before = asUtc - zoneOffset(asUtc - DAY, timeZone);
  const after = asUtc - zoneOffset(asUtc + DAY, timeZone);
  const shown = [before, after].filter((at) => deadlineInputValue(at, timeZone) === value);
  return shown.length > 0 ? Math.min(...shown) : before;
}

/** A deadline as a user in `timeZone` reads it: `Mon 7 Dec, 17:30 CET` (locale `locale`, the browser's by default). */
export function formatDeadline(instant: number, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(instant));
}
