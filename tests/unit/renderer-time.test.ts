// "How long ago" in the story list, against a fixed clock; deadlines: time left, and the same
// instant read and typed in different time zones (each test names its zone, whatever TZ is).
import { describe, expect, it } from 'vitest';
import { deadlineFromInput, deadlineInputValue, deadlineLeft, formatDeadline, timeAgo, wordsAgainstTarget } from '../../renderer/src/lib/time.ts';

const now = new Date(2024, 5, 15, 14, 30, 0).getTime(); // 15 June 2024, 14:30 local time
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const clock = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

describe('timeAgo', () => {
  it('says "just now" for the last 44 seconds, and for times in the future (clock skew)', () => {
    expect(timeAgo(now, now)).toBe('just now');
    expect(timeAgo(now - 44 * second, now)).toBe('just now');
    expect(timeAgo(now + 5 * minute, now)).toBe('just now');
  });

  it('counts minutes below an hour', () => {
    expect(timeAgo(now - 45 * second, now)).toBe('1 min ago');
    expect(timeAgo(now - 5 * minute, now)).toBe('5 min ago');
    expect(timeAgo(now - 59 * minute, now)).toBe('59 min ago');
  });

  it('counts hours below a day', () => {
    expect(timeAgo(now - 60 * minute, now)).toBe('1 h ago');
    expect(timeAgo(now - 3 * hour, now)).toBe('3 h ago');
    expect(timeAgo(now - 14 * hour, now)).toBe('14 h ago'); // 00:30 today
  });

  it('says "yesterday" and the time for the previous calendar day', () => {
    const at = new Date(2024, 5, 14, 9, 5).getTime();
    expect(timeAgo(at, now)).toBe(`yesterday ${clock(at)}`);
    const lateYesterday = new Date(2024, 5, 14, 12, 0).getTime(); // 26.5 h ago
    expect(timeAgo(lateYesterday, now)).toBe(`yesterday ${clock(lateYesterday)}`);
  });

  it('does not call the day before yesterday "yesterday", even within 48 hours', () => {
    const earlyMorning = new Date(2024, 5, 15, 1, 0).getTime();
    const dayBefore = new Date(2024, 5, 13, 23, 0).getTime(); // 26 hours before 01:00 on the 15th
    expect(timeAgo(dayBefore, earlyMorning)).not.toMatch(/yesterday/);
    expect(timeAgo(dayBefore, earlyMorning)).toBe(new Date(dayBefore).toLocaleDateString([], { day: 'numeric', month: 'short' }));
  });

  it('shows a date without the year for older times this year', () => {
    const at = new Date(2024, 2, 3, 10, 0).getTime();
    expect(timeAgo(at, now)).toBe(new Date(at).toLocaleDateString([], { day: 'numeric', month: 'short' }));
    expect(timeAgo(at, now)).not.toMatch(/2024/);
  });

  it('shows the year for times in an earlier year', () => {
    const at = new Date(2023, 11, 1, 10, 0).getTime();
    expect(timeAgo(at, now)).toBe(new Date(at).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' }));
    expect(timeAgo(at, now)).toMatch(/2023/);
  });
});

describe('deadlineLeft', () => {
  it('counts down in minutes, rounding up so it never says "in 0 min"', () => {
    expect(deadlineLeft(now + 40 * minute, now)).toEqual({ text: 'in 40 min', late: false });
    expect(deadlineLeft(now + 39 * minute + 1, now)).toEqual({ text: 'in 40 min', late: false });
    expect(deadlineLeft(now + 1, now)).toEqual({ text: 'in 1 min', late: false });
  });

  it('says "due now" at the deadline and for the minute after it, late once it has passed', () => {
    expect(deadlineLeft(now, now)).toEqual({ text: 'due now', late: false });
    expect(deadlineLeft(now - 59 * second, now)).toEqual({ text: 'due now', late: true });
  });

  it('counts lateness in whole minutes past the deadline', () => {
    expect(deadlineLeft(now - 12 * minute, now)).toEqual({ text: '12 min late', late: true });
    expect(deadlineLeft(now - 12 * minute - 59 * second, now)).toEqual({ text: '12 min late', late: true });
  });

  it('uses hours and days for longer times, the two largest units', () => {
    expect(deadlineLeft(now + 3 * hour + 5 * minute, now).text).toBe('in 3 h 5 min');
    expect(deadlineLeft(now + 2 * hour, now).text).toBe('in 2 h');
    expect(deadlineLeft(now + 2 * 24 * hour + 4 * hour + 30 * minute, now).text).toBe('in 2 d 4 h');
    expect(deadlineLeft(now - 25 * hour, now).text).toBe('1 d 1 h late');
  });

  it('moves on as the clock does (the list re-renders it each minute)', () => {
    const deadline = now + 2 * minute;
    expect([0, 1, 2, 3].map((m) => deadlineLeft(deadline, now + m * minute).text)).toEqual(['in 2 min', 'in 1 min', 'due now', '1 min late']);
  });
});

describe('deadlines across time zones', () => {
  // 7 December 2026, 16:30 UTC: one instant, five wall clocks.
  const instant = Date.UTC(2026, 11, 7, 16, 30);
  const zones: [string, string][] = [
    ['UTC', '2026-12-07T16:30'],
    ['Europe/Berlin', '2026-12-07T17:30'],
    ['America/New_York', '2026-12-07T11:30'],
    ['Asia/Kolkata', '2026-12-07T22:00'],
    ['Pacific/Chatham', '2026-12-08T06:15'],
  ];

  it.each(zones)('shows the instant in %s as its own wall clock, and reads that back as the same instant', (zone, wall) => {
    expect(deadlineInputValue(instant, zone)).toBe(wall);
    expect(deadlineFromInput(wall, zone)).toBe(instant);
  });

  it('formats the deadline with the zone, so everyone reads it in theirs', () => {
    expect(formatDeadline(instant, 'Europe/Berlin', 'en-GB')).toBe('Mon 7 Dec, 17:30 CET');
    expect(formatDeadline(instant, 'America/New_York', 'en-GB')).toMatch(/^Mon 7 Dec, 11:30 (EST|GMT-5)$/);
    expect(formatDeadline(instant, 'UTC', 'en-GB')).toBe('Mon 7 Dec, 16:30 UTC');
  });

  it('reads a wall time skipped when clocks go forward as that far past the gap', () => {
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist.
    expect(deadlineFromInput('2026-03-29T02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(deadlineInputValue(Date.UTC(2026, 2, 29, 1, 30), 'Europe/Berlin')).toBe('2026-03-29T03:30');
  });

  it('reads a wall time that happens twice when clocks go back as the earlier', () => {
    // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens at 00:30 and 01:30 UTC.
    expect(deadlineFromInput('2026-10-25T02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(deadlineFromInput('2026-10-25T03:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 2, 30));
  });

  it('refuses what is not a datetime-local value', () => {
    for (const value of ['', '2026-12-07', '2026-02-31T10:00', '2026-12-07T24:00', '2026-12-07 16:30', '2026-12-07T16:30Z']) {
      expect(deadlineFromInput(value, 'UTC')).toBeNull();
    }
  });
});

describe('wordsAgainstTarget', () => {
  it('shows the words against the target, or the words alone without one', () => {
    expect(wordsAgainstTarget(350, 600)).toBe('350 / 600');
    expect(wordsAgainstTarget(350, null)).toBe('350');
    expect(wordsAgainstTarget(1234, 1500)).toBe(`${(1234).toLocaleString()} / ${(1500).toLocaleString()}`);
  });
});
