// The dock/taskbar badge (issue 18, requirement 4), with Electron's pieces injected: macOS and
// Linux get app.setBadgeCount; Windows, where that does nothing, an overlay icon on every window's
// taskbar button — a red disc with the count drawn in white — and windows opened later get it too.
import { describe, expect, it, vi } from 'vitest';
import { badgeDescription, MAX_BADGE_COUNT, OVERLAY_SIZE, overlayBitmap, overlayText, taskbarBadge, type OverlayWindow } from '../../electron/main/taskbar-badge.ts';

const window = (destroyed = false) => ({ setOverlayIcon: vi.fn<OverlayWindow['setOverlayIcon']>(), isDestroyed: () => destroyed });

function setUp(platform: NodeJS.Platform) {
  const open = [window(), window()];
  const app = { setBadgeCount: vi.fn(() => platform !== 'win32') };
  const image = vi.fn((pixels: Buffer, size: number) => ({ pixels, size }));
  return { open, app, image, badge: taskbarBadge({ platform, app, windows: () => open, image }) };
}

/** The overlay's pixels as rows of characters: '#' white (a digit), 'o' the disc, '.' transparent. */
function picture(pixels: Buffer): string[] {
  const rows: string[] = [];
  for (let y = 0; y < OVERLAY_SIZE; y++) {
    let row = '';
    for (let x = 0; x < OVERLAY_SIZE; x++) {
      const [b, g, r, a] = pixels.subarray((y * OVERLAY_SIZE + x) * 4, (y * OVERLAY_SIZE + x) * 4 + 4);
      row += a === 0 ? '.' : r === 255 && g === 255 && b === 255 ? '#' : 'o';
    }
    rows.push(row);
  }
  return rows;
}

describe('taskbarBadge', () => {
  it('macOS and Linux: the app badge, capped; no overlay', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const { open, app, badge, image } = setUp(platform);
      badge.set(3);
      badge.set(123_456);
      badge.set(0);
      expect(app.setBadgeCount.mock.calls).toEqual([[3], [MAX_BADGE_COUNT], [0]]);
      badge.show(window());
      expect(image).not.toHaveBeenCalled();
      for (const w of open) expect(w.setOverlayIcon).not.toHaveBeenCalled();
    }
  });

  it('Windows: an overlay with the count on every window, described for screen readers; 0 clears it', () => {
    const { open, app, image, badge } = setUp('win32');
    badge.set(3);
    expect(app.setBadgeCount).not.toHaveBeenCalled();
    expect(image).toHaveBeenCalledOnce();
    expect(image.mock.calls[0][1]).toBe(OVERLAY_SIZE);
    expect(image.mock.calls[0][0]).toEqual(overlayBitmap(3));
    for (const w of open) expect(w.setOverlayIcon).toHaveBeenLastCalledWith(image.mock.results[0].value, '3 stories waiting');
    badge.set(0);
    for (const w of open) expect(w.setOverlayIcon).toHaveBeenLastCalledWith(null, '');
    expect(image).toHaveBeenCalledOnce();
  });

  it('Windows: a window opened later gets the current overlay; a closed one is left alone', () => {
    const { badge, image } = setUp('win32');
    const later = window();
    badge.show(later);
    expect(later.setOverlayIcon).not.toHaveBeenCalled();
    badge.set(1);
    badge.show(later);
    expect(later.setOverlayIcon).toHaveBeenCalledWith(image.mock.results[0].value, '1 story waiting');
    const closed = window(true);
    badge.show(closed);
    expect(closed.setOverlayIcon).not.toHaveBeenCalled();
  });
});

describe('overlayBitmap', () => {
  it('is a red disc, transparent in its corners, its edge smoothed, with the count in white in the middle', () => {
    const pixels = overlayBitmap(7);
    expect(pixels.length).toBe(OVERLAY_SIZE * OVERLAY_SIZE * 4);
    const rows = picture(pixels);
    expect(rows[0][0]).toBe('.');
    expect(rows[16][1]).toBe('o');
    // Pixels on the edge are partly covered: a ring of them, not a staircase.
    const alphas = Array.from({ length: OVERLAY_SIZE * OVERLAY_SIZE }, (_, i) => pixels[i * 4 + 3]);
    expect(alphas.filter((a) => a > 0 && a < 255).length).toBeGreaterThan(2 * Math.PI * 14);
    // "7" at 2 px a dot: 6 wide, 10 high, centred.
    expect(rows.slice(11, 21).map((row) => row.slice(13, 19))).toEqual([
      '######', '######', 'oooo##', 'oooo##', 'oo##oo', 'oo##oo', 'oo##oo', 'oo##oo', 'oo##oo', 'oo##oo',
    ]);
    expect(rows.join('').split('#').length - 1).toBe(4 * (3 + 1 + 1 + 1 + 1));
  });

  it('says up to 99, then 99+, each a different picture', () => {
    expect([1, 42, 99, 100, 5000].map(overlayText)).toEqual(['1', '42', '99', '99+', '99+']);
    const white = (count: number) => picture(overlayBitmap(count)).join('').split('#').length - 1;
    expect(white(1)).toBeGreaterThan(0);
    expect(white(88)).toBe(2 * white(8));
    expect(overlayBitmap(12).equals(overlayBitmap(21))).toBe(false);
    expect(badgeDescription(1)).toBe('1 story waiting');
  });
});
