// What the browser bench runs inside the pages, and the clock they share with the bench. The page
// code is a string: the bench is compiled without the DOM library, and this is all it runs there.
import type { Page } from 'playwright-core';

/**
 * Installed in every page before it loads (`context.addInitScript`): `window.__bench` records
 * - keystrokes on this page: the keydown's timeStamp; then, from the keystroke's input event, the
 *   start of the next animation frame, a task queued from that frame (which runs once the frame
 *   is painted: "input to paint"), and a task queued from the input event itself (which runs once
 *   the editor has handled it);
 * - Event Timing entries of 16 ms or more (the API reports nothing shorter), for a second opinion;
 * - for `watch(indices)`: each time a watched top-level block of the body changes length (its
 *   text without collaborators' caret labels), from a MutationObserver (so: in the DOM, before paint);
 * - for `expectOpen(blocks, lastText)`: from the next click to the body being editable with all its
 *   blocks and the last one's text, and to the frame after that being painted.
 * Times are the page's performance.now(); the bench turns them into its own clock (calibrate).
 */
export const PROBE_SCRIPT = `(() => {
  const bench = { recording: false, keys: [], slowEvents: [], arrivals: [], open: null };
  window.__bench = bench;
  const afterPaint = (done) => requestAnimationFrame(() => {
    const frame = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(frame, performance.now());
    channel.port2.postMessage(0);
  });
  addEventListener('keydown', (event) => {
    if (!bench.recording) return;
    bench.keys.push([event.timeStamp, 0, 0, 0]);
  }, true);
  // Queued from the input event (the keystroke's text is in the DOM by then; the editor handles it in the same task).
  addEventListener('input', () => {
    const key = bench.keys[bench.keys.length - 1];
    if (!bench.recording || !key || key[3] !== 0) return;
    key[3] = -1;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { key[3] = performance.now(); };
    channel.port2.postMessage(0);
    afterPaint((frame, painted) => { key[1] = frame; key[2] = painted; });
  }, true);
  try {
    new PerformanceObserver((list) => {
      if (!bench.recording) return;
      for (const e of list.getEntries()) bench.slowEvents.push([e.name, e.startTime, e.duration, e.processingStart, e.processingEnd]);
    }).observe({ type: 'event', durationThreshold: 16 });
  } catch {}
  const editor = () => document.querySelector('.body-editor');
  const textLength = (block) => {
    let length = 0;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: (n) => n.nodeType === 1 && n.classList.contains('collab-caret') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeType === 3) length += n.data.length;
    return length;
  };
  bench.blockLength = (index) => textLength(editor().children[index]);
  bench.watch = (indices) => {
    const last = new Map();
    const check = () => {
      const at = performance.now();
      const blocks = editor().children;
      for (const i of indices) {
        const length = blocks[i] ? textLength(blocks[i]) : -1;
        if (last.get(i) !== length) { last.set(i, length); bench.arrivals.push([i, length, at]); }
      }
    };
    check();
    bench.stopWatch = () => observer.disconnect();
    const observer = new MutationObserver(check);
    observer.observe(editor(), { subtree: true, childList: true, characterData: true });
  };
  bench.expectOpen = (blocks, lastText) => {
    const open = { clicked: null, ready: null, painted: null };
    bench.open = open;
    addEventListener('click', (event) => { open.clicked ??= event.timeStamp; }, { capture: true, once: true });
    const check = () => {
      const body = editor();
      if (!body || body.getAttribute('contenteditable') !== 'true' || body.children.length < blocks) return;
      if (!(body.children[blocks - 1].textContent || '').startsWith(lastText)) return;
      open.ready = performance.now();
      observer.disconnect();
      afterPaint((_frame, painted) => { open.painted = painted; });
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  };
})();`;

/** A keystroke on the typist's page: keydown timeStamp, the next frame's start, after that frame's paint, after its input event's task (page ms; 0: never). */
export type KeyTiming = [keydown: number, frame: number, painted: number, handled: number];

/** An Event Timing entry: name, startTime, duration, processingStart, processingEnd (page ms). */
export type SlowEvent = [name: string, start: number, duration: number, processingStart: number, processingEnd: number];

/** A watched block's new text length: block index, length, page ms. */
export type BlockArrival = [index: number, length: number, at: number];

/** The bench's clock: ms since the Unix epoch, with sub-millisecond resolution. */
export const benchNow = (): number => performance.timeOrigin + performance.now();

/** How a page's performance.now() maps to the bench's clock. */
export interface PageClock {
  /** Add to a page time to get bench time. */
  offset: number;
  /** Half the fastest round trip of the calibration: how far off the offset may be. */
  uncertainty: number;
}

/**
 * Calibrates a page's clock against the bench's: the page's performance.now() read in the round
 * trip with the shortest time, taken as read halfway (NTP's way).
 */
export async function calibrate(page: Page, trips = 15): Promise<PageClock> {
  let best: PageClock | null = null;
  for (let i = 0; i < trips; i++) {
    const before = benchNow();
    const now = await page.evaluate<number>('performance.now()');
    const after = benchNow();
    const candidate = { offset: (before + after) / 2 - now, uncertainty: (after - before) / 2 };
    if (!best || candidate.uncertainty < best.uncertainty) best = candidate;
  }
  return best!;
}

/** Reads a field of the page's `__bench`. */
export const probeValue = <T>(page: Page, expression: string): Promise<T> => page.evaluate<T>(`window.__bench.${expression}`);
