// The release state in words (renderer/src/lib/release-text.ts): the embargo in the user's zone,
// the zone named; the countdown, gone the moment the embargo lifts.
import { describe, expect, it } from 'vitest';
import { embargoCountdown, formatEmbargo, markText } from '../../renderer/src/lib/release-text.ts';

const UNTIL = Date.UTC(2026, 11, 8, 6, 0);

describe('release text', () => {
  it('shows the embargo in the user’s zone and names the zone', () => {
    expect(formatEmbargo(UNTIL, 'Europe/London', 'en-GB')).toBe('8 Dec 2026, 06:00 (Europe/London)');
    expect(formatEmbargo(UNTIL, 'America/New_York', 'en-GB')).toBe('8 Dec 2026, 01:00 (America/New_York)');
  });

  it('counts down to the embargo and stops exactly when it lifts', () => {
    expect(embargoCountdown(UNTIL, UNTIL - (2 * 60 + 10) * 60_000)).toBe('embargo lifts in 2 h 10 min');
    expect(embargoCountdown(UNTIL, UNTIL - 1)).toBe('embargo lifts in 1 min');
    expect(embargoCountdown(UNTIL, UNTIL)).toBeNull();
  });

  it('says who held or killed a story, and when', () => {
    expect(markText({ note: 'Court order', byName: 'Dana Desk', at: UNTIL }, 'Europe/London', 'en-GB')).toBe('Court order — Dana Desk, 8 Dec 2026, 06:00 (Europe/London)');
  });
});
