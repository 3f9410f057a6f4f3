// The roving tabindex of a composite widget (WAI-ARIA's toolbar pattern): which item the arrow
// keys, Home and End move to, skipping disabled items. Pure, so it is tested without a DOM.

/** A move within the widget. */
export type RovingMove = 'next' | 'previous' | 'first' | 'last';

/**
 * The index to move to from `from` among items whose `enabled` flags are given, wrapping
 * around at the ends; -1 when no item is enabled.
 */
export function rovingTarget(enabled: readonly boolean[], from: number, move: RovingMove): number {
  const count = enabled.length;
  if (move === 'first') return enabled.indexOf(true);
  if (move === 'last') return enabled.lastIndexOf(true);
  const step = move === 'next' ? 1 : -1;
  for (let n = 1; n <= count; n++) {
    const i = (((from + step * n) % count) + count) % count;
    if (enabled[i]) return i;
  }
  return -1;
}
