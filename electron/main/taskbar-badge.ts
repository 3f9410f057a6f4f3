// The dock/taskbar badge. macOS and Linux launchers show `app.setBadgeCount`; on Windows it does
// nothing, so there each window's taskbar button gets an overlay icon instead: a small red disc
// with the count drawn in white (`BrowserWindow.setOverlayIcon`), drawn here pixel by pixel since
// main has no canvas. Windows opened later get the current badge too.

/** The largest badge count kept; more reads the same (no dock shows five digits usefully). */
export const MAX_BADGE_COUNT = 9999;

/** The overlay icon's side in pixels, drawn at scale factor 2 (Windows shows it at 16 px, 32 on a HiDPI screen). */
export const OVERLAY_SIZE = 32;

// Digits 3 wide and 5 high, one string per row ('#' lit), and '+', each drawn 2 px a dot.
const GLYPHS: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
};
const DOT = 2;
const GAP = 2;
/** The disc's colour, as B, G, R (a red that white digits read on). */
const DISC = [0x2f, 0x2f, 0xd3] as const;

/** What the overlay says: the count up to 99, then `99+` (three glyphs are all that fit). */
export const overlayText = (count: number): string => (count > 99 ? '99+' : String(count));

/** How screen readers hear the badge: "3 stories waiting". */
export const badgeDescription = (count: number): string => `${count} ${count === 1 ? 'story' : 'stories'} waiting`;

/**
 * The overlay icon for `count` (1 and up) as raw BGRA pixels, `OVERLAY_SIZE` square: a red disc,
 * its edge smoothed (each pixel's cover sampled 4×4), and the count in white in its middle.
 */
export function overlayBitmap(count: number): Buffer {
  const size = OVERLAY_SIZE;
  const pixels = Buffer.alloc(size * size * 4);
  const radius = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inside = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (Math.hypot(x + (sx + 0.5) / 4 - radius, y + (sy + 0.5) / 4 - radius) <= radius) inside++;
      const alpha = Math.round((inside / 16) * 255);
      const at = (y * size + x) * 4;
      // Premultiplied, as Chromium's bitmaps are.
      pixels[at] = Math.round((DISC[0] * alpha) / 255);
      pixels[at + 1] = Math.round((DISC[1] * alpha) / 255);
      pixels[at + 2] = Math.round((DISC[2] * alpha) / 255);
      pixels[at + 3] = alpha;
    }
  }
  const text = [...overlayText(count)];
  const width = text.length * 3 * DOT + (text.length - 1) * GAP;
  const left = Math.floor((size - width) / 2);
  const top = Math.floor((size - 5 * DOT) / 2);
  text.forEach((char, i) => {
    GLYPHS[char].forEach((row, gy) =>
      [...row].forEach((cell, gx) => {
        if (cell !== '#') return;
        for (let dy = 0; dy < DOT; dy++) {
          for (let dx = 0; dx < DOT; dx++) {
            const at = ((top + gy * DOT + dy) * size + left + i * (3 * DOT + GAP) + gx * DOT + dx) * 4;
            pixels.fill(0xff, at, at + 4);
          }
        }
      }),
    );
  });
  return pixels;
}

/** The slice of a BrowserWindow the overlay is set on. */
export interface OverlayWindow {
  setOverlayIcon(overlay: unknown, description: string): void;
  isDestroyed(): boolean;
}

/** What the badge needs: the platform, the app (its own badge), the open windows, and how an image is made of pixels (nativeImage.createFromBitmap). */
export interface BadgeDeps<Image> {
  platform: NodeJS.Platform;
  app: { setBadgeCount(count?: number): boolean };
  windows: () => OverlayWindow[];
  image: (pixels: Buffer, size: number) => Image;
}

/** The badge: `set` shows a count (0 clears it); `show` gives a newly opened window the current one (Windows). */
export function taskbarBadge<Image>(deps: BadgeDeps<Image>) {
  let count = 0;
  // One image per count shown, made when the count changes rather than once per window.
  let overlay: { image: Image; description: string } | null = null;
  const apply = (window: OverlayWindow) => {
    if (!window.isDestroyed()) window.setOverlayIcon(overlay?.image ?? null, overlay?.description ?? '');
  };
  return {
    set(next: number): void {
      count = Math.min(next, MAX_BADGE_COUNT);
      if (deps.platform !== 'win32') {
        deps.app.setBadgeCount(count);
        return;
      }
      overlay = count > 0 ? { image: deps.image(overlayBitmap(count), OVERLAY_SIZE), description: badgeDescription(count) } : null;
      deps.windows().forEach(apply);
    },
    show(window: OverlayWindow): void {
      if (deps.platform === 'win32' && count > 0) apply(window);
    },
  };
}
