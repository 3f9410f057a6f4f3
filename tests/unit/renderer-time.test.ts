// "How long ago" in the story list, against a fixed clock.
import { describe, expect, it } from 'vitest';
import { timeAgo } from '../../renderer/src/lib/time.ts';

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
