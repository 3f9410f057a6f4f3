// The editor in the browser (issue 15, requirement 6): our server serving the built UI, a story of
// 10,000 words built from the seph-blog1 trace, and four people in Chromium (one browser, four
// contexts) typing into it. Measures open-to-editable, input-to-paint on the typist's page, keystroke
// to another person's page, where a page spends its time (a CPU profile) and its memory over a long
// typing session compressed in time.
import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/support/browser.ts';
import { sleep } from '../tests/support/clients.ts';
import { addEditor, apiSignIn, browserMissing, createLongStory, loadSephTrace, longStoryParagraphs, signedInBenchPage, type BenchPage } from './browser-pages.ts';
import { benchNow, calibrate, probeValue, type BlockArrival, type KeyTiming, type PageClock, type SlowEvent } from './browser-probe.ts';
import { levelsOff, remoteLatencies, topFunctions, wordCount, type HeapSample, type HotFunction } from './browser-stats.ts';
import { prepareNewsroom } from './servers.ts';
import { summarize, type Summary } from './stats.ts';

/** How much the browser bench does. */
export interface BrowserScenario {
  typists: number;
  /** Keystrokes each typist makes in the latency phase. */
  keysPerTypist: number;
  /** Between one typist's keystrokes in the latency phase (150 ms: 80 words a minute). */
  keyIntervalMs: number;
  /** Extra opens of the story on the first page, after each page's first. */
  reopens: number;
  /** Keystrokes each typist makes while its page is profiled. */
  profileKeys: number;
  /** Simulated minutes of the memory session, a heap sample after each. */
  memoryMinutes: number;
  /** Keystrokes in a simulated minute (300: 5 a second). */
  keysPerMinute: number;
  /** How much faster than real the memory session types. */
  speedUp: number;
}

/** The full run: four typists, 300 keystrokes each; 30 minutes of typing at 10× for memory. */
export const BROWSER_SCENARIO: BrowserScenario = { typists: 4, keysPerTypist: 300, keyIntervalMs: 150, reopens: 4, profileKeys: 100, memoryMinutes: 30, keysPerMinute: 300, speedUp: 10 };

/** A smoke run. */
export const QUICK_BROWSER_SCENARIO: BrowserScenario = { typists: 4, keysPerTypist: 30, keyIntervalMs: 150, reopens: 1, profileKeys: 20, memoryMinutes: 2, keysPerMinute: 150, speedUp: 10 };

/** The targets of requirement 6. */
export const BROWSER_TARGETS = { inputToPaintP99: 16, remoteP99: 50, openMedian: 500 } as const;

/** What the browser bench measured. */
export interface BrowserResult {
  scenario: BrowserScenario;
  words: number;
  blocks: number;
  /** Click on the list's link → body editable with every block (DOM), one per page's first open, then the reopens. */
  open: { first: number[]; reopens: number[]; painted: number[] };
  /** Typist's page: keydown → the frame after it painted. */
  inputToPaint: Summary;
  /** Typist's page: keydown → the next animation frame's start. */
  inputToFrame: Summary;
  /** Typist's page: keydown → the end of the task of its input event (the editor's handling, plus any wait for the thread). */
  inputHandled: Summary;
  /** Per keystroke on the first page (its own and the others'), Chromium's task metrics: ms for times (the durations are wall time of its tasks: under load they include time the thread waited for a core; ThreadTime and ProcessTime are CPU time), else counts (layouts, style recalcs). */
  mainThreadPerKeystroke: Record<string, number>;
  /** Keystrokes whose keydown had an Event Timing entry of 16 ms or more, and the longest key event entry. */
  slowKeystrokes: { count: number; of: number; longestMs: number };
  /** Keystroke (keydown on the typist's page) → the text in another page's DOM, every pair of pages. */
  remote: Summary;
  /** The largest calibration uncertainty of the pages' clocks (ms). */
  clockUncertaintyMs: number;
  /** Every page ended with every typist's text. */
  consistent: boolean;
  /** Top self-time functions of the first page while all typed (it types and receives). */
  profile: HotFunction[];
  profileFile: string;
  /** Heap after GC each simulated minute: the typist's page and a page watching. */
  memory: { typist: HeapSample[]; watcher: HeapSample[]; typistLevelsOff: boolean; watcherLevelsOff: boolean; realSeconds: number; keys: number };
}

/** A result, or why the part did not run. */
export type BrowserOutcome = BrowserResult | { skipped: string };

/** The main thread's work: tasks, script, style, layout, paint, GC. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'blink.user_timing', 'toplevel', 'cc'];

const PROFILE_DIR = new URL('../test-output/bench/', import.meta.url);
const HEADLINE = 'Browser bench: 5000x faster CRDTs';

// Letters and spaces from the story: nothing an input rule or smart quotes would rewrite.
const typingText = (paragraphs: string[]) => paragraphs.join(' ').replace(/[^A-Za-z ]+/g, ' ').replace(/ +/g, ' ');

/** Runs the browser bench; `log` hears progress. */
export async function benchBrowser(log: (message: string) => void, quick: boolean): Promise<BrowserOutcome> {
  const missing = browserMissing();
  if (missing) return { skipped: missing };
  const trace = await loadSephTrace();
  if (!trace) return { skipped: 'the seph-blog1 trace is not in ../shared/data/editing-traces' };
  // BENCH_BROWSER_MEMORY_MINUTES=0 skips the long memory session (for quick before/after runs of the rest).
  const memoryMinutes = process.env.BENCH_BROWSER_MEMORY_MINUTES;
  const base = quick ? QUICK_BROWSER_SCENARIO : BROWSER_SCENARIO;
  const scenario = memoryMinutes && /^\d+$/.test(memoryMinutes) ? { ...base, memoryMinutes: Number(memoryMinutes) } : base;
  const deployment = await prepareNewsroom();
  const usernames = Array.from({ length: scenario.typists }, (_, i) => `typist-${i + 1}`);
  await Promise.all(usernames.map((username) => addEditor(deployment.dataDir, username)));
  const server = await deployment.start();
  const httpUrl = server.wsUrl.replace(/^ws/, 'http').replace(/\/collab$/, '');
  let browser: Browser | null = null;
  try {
    const paragraphs = longStoryParagraphs(trace);
    const words = paragraphs.reduce((n, p) => n + wordCount(p), 0);
    const story = await createLongStory(httpUrl, await apiSignIn(httpUrl, usernames[0]), HEADLINE, paragraphs);
    log(`browser: a story of ${words.toLocaleString('en-US')} words in ${story.blocks} blocks`);
    browser = await launchChromium();
    const pages: BenchPage[] = [];
    for (const username of usernames) pages.push(await signedInBenchPage(browser, httpUrl, username));

    const open = await measureOpens(pages, story.blocks, paragraphs[paragraphs.length - 1], scenario.reopens);
    log(`browser: open to editable ${open.first.map((t) => t.toFixed(0)).join(', ')} ms (first per page), reopens ${open.reopens.map((t) => t.toFixed(0)).join(', ')} ms`);

    const text = typingText(paragraphs);
    // Each typist at the end of its own block, spread over the story.
    const blocks = pages.map((_, i) => Math.floor(((i + 0.5) / pages.length) * story.blocks));
    const typing = await measureTyping(pages, blocks, text, scenario);
    log(`browser: input to paint p50 ${typing.inputToPaint.p50.toFixed(1)}, p99 ${typing.inputToPaint.p99.toFixed(1)} ms; to another page p50 ${typing.remote.p50.toFixed(1)}, p99 ${typing.remote.p99.toFixed(1)} ms`);

    const profiled = await profileTyping(pages, blocks, text, scenario);
    log(`browser: profile written to ${profiled.file}`);
    // BENCH_BROWSER_TRACE=FILE: a Chromium trace of the first page while all type (bench/browser-trace.ts splits it).
    if (process.env.BENCH_BROWSER_TRACE) {
      await browser.startTracing(pages[0].page, { categories: TRACE_CATEGORIES });
      await typeTogether(pages, blocks, text, scenario.profileKeys, scenario.keyIntervalMs);
      await writeFile(process.env.BENCH_BROWSER_TRACE, await browser.stopTracing());
      log(`browser: trace of ${scenario.profileKeys * pages.length} keystrokes written to ${process.env.BENCH_BROWSER_TRACE}`);
    }

    const memory = await measureMemory(pages, blocks[0], text, scenario, log);
    return { scenario, words, blocks: story.blocks, open, ...typing, profile: profiled.top, profileFile: profiled.file, memory };
  } finally {
    await browser?.close();
    await server.stop();
    await deployment.dispose();
  }
}

/** Opens the story headed `headline` from the list `page` shows; resolves with ms from the click to editable with `blocks` blocks, the last starting with `lastParagraph`, and to that painted. */
export async function openStory(page: Page, headline: string, blocks: number, lastParagraph: string): Promise<{ ready: number; painted: number }> {
  await page.evaluate(`window.__bench.expectOpen(${blocks}, ${JSON.stringify(lastParagraph.slice(0, 40))})`);
  await page.getByRole('link', { name: headline }).click();
  await waitInPage(page, 'window.__bench.open.painted !== null', 'the story to open');
  const { clicked, ready, painted } = await probeValue<{ clicked: number; ready: number; painted: number }>(page, 'open');
  return { ready: ready - clicked, painted: painted - clicked };
}

// Each page's first open of the story from the list, then `reopens` more on the first page.
async function measureOpens(pages: BenchPage[], blocks: number, lastParagraph: string, reopens: number): Promise<BrowserResult['open']> {
  const once = (page: Page) => openStory(page, HEADLINE, blocks, lastParagraph);
  const first = [];
  for (const { page } of pages) first.push(await once(page));
  const again = [];
  for (let i = 0; i < reopens; i++) {
    await pages[0].page.goBack();
    await pages[0].page.getByRole('heading', { name: 'Stories' }).waitFor();
    again.push(await once(pages[0].page));
  }
  return { first: first.map((o) => o.ready), reopens: again.map((o) => o.ready), painted: [...first, ...again].map((o) => o.painted) };
}

/** Polls `expression` in the page until it is true (the app's Content-Security-Policy forbids waitForFunction's eval). */
export async function waitInPage(page: Page, expression: string, what: string, timeoutMs = 30_000): Promise<void> {
  const start = performance.now();
  while (!(await page.evaluate<boolean>(expression))) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

// Puts the page's caret at the end of top-level body block `index`, and waits until the editor has it there.
async function caretAtEndOfBlock(page: Page, index: number): Promise<void> {
  await page.locator('.body-editor').focus();
  await waitInPage(page, `(() => {
    const block = document.querySelector('.body-editor').children[${index}];
    const selection = getSelection();
    if (!block || !selection) return false;
    if (selection.focusNode && selection.isCollapsed && block.contains(selection.focusNode)) {
      const before = document.createRange();
      before.setStart(block, 0);
      before.setEnd(selection.focusNode, selection.focusOffset);
      if (before.toString().length === (block.textContent || '').length) return true;
    }
    const range = document.createRange();
    range.selectNodeContents(block);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
    return false;
  })()`, 'the caret to stay at the block end');
  await sleep(100); // ProseMirror reads the DOM selection on 'selectionchange'
}

// One typist's keystrokes: `count` characters of `text` from `from`, one every `intervalMs` (by the clock, not after each other).
async function typeKeys(page: Page, text: string, from: number, count: number, intervalMs: number): Promise<void> {
  const start = performance.now();
  for (let k = 0; k < count; k++) {
    const wait = start + k * intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    await page.keyboard.type(text[(from + k) % text.length]);
  }
}

// Every typist types `count` keys into its block at once, each page watching every typist's block; resolves with what each page recorded.
async function typeTogether(pages: BenchPage[], blocks: number[], text: string, count: number, intervalMs: number) {
  for (let i = 0; i < pages.length; i++) await caretAtEndOfBlock(pages[i].page, blocks[i]);
  const bases = await Promise.all(pages.map(({ page }, i) => page.evaluate<number>(`window.__bench.blockLength(${blocks[i]})`)));
  for (const { page } of pages) await page.evaluate(`(() => { const b = window.__bench; b.keys = []; b.slowEvents = []; b.arrivals = []; b.recording = true; b.watch(${JSON.stringify(blocks)}); })()`);
  const clocks: PageClock[] = [];
  for (const { page } of pages) clocks.push(await calibrate(page));
  // Typists start a fraction of an interval apart, as people do.
  await Promise.all(pages.map(({ page }, i) => sleep((i * intervalMs) / pages.length).then(() => typeKeys(page, text, i * 997, count, intervalMs))));
  await sleep(1000); // the last keystrokes reach every page
  const recorded = [];
  for (const { page } of pages) {
    recorded.push(await page.evaluate<{ keys: KeyTiming[]; slowEvents: SlowEvent[]; arrivals: BlockArrival[] }>(
      '(() => { const b = window.__bench; b.recording = false; b.stopWatch(); return { keys: b.keys, slowEvents: b.slowEvents, arrivals: b.arrivals }; })()',
    ));
  }
  return { bases, clocks, recorded };
}

// The latency phase: every typist types keysPerTypist keys; input-to-paint on its own page, and to every other page.
async function measureTyping(pages: BenchPage[], blocks: number[], text: string, scenario: BrowserScenario) {
  const before = await metrics(pages[0]);
  const { bases, clocks, recorded } = await typeTogether(pages, blocks, text, scenario.keysPerTypist, scenario.keyIntervalMs);
  const keys = recorded.flatMap((r) => r.keys).filter((k) => k[2] > 0);
  const slowKeys = recorded.flatMap((r) => r.slowEvents).filter(([name]) => name === 'keydown' || name === 'keypress' || name === 'input' || name === 'beforeinput');
  const mainThread = taskTimes(await metrics(pages[0]), before);
  const remote: number[] = [];
  for (let i = 0; i < pages.length; i++) {
    const sentAt = recorded[i].keys.map(([keydown]) => keydown + clocks[i].offset);
    for (let j = 0; j < pages.length; j++) {
      if (j === i) continue;
      const arrivals = recorded[j].arrivals.filter(([block]) => block === blocks[i]).map(([, length, at]) => ({ length, at: at + clocks[j].offset }));
      remote.push(...remoteLatencies(sentAt, arrivals, bases[i]));
    }
  }
  const finals = await Promise.all(pages.map(({ page }) => page.evaluate<number[]>(`${JSON.stringify(blocks)}.map((b) => window.__bench.blockLength(b))`)));
  const expected = bases.map((base) => base + scenario.keysPerTypist);
  return {
    inputToPaint: summarize(keys.map(([keydown, , painted]) => painted - keydown)),
    inputToFrame: summarize(keys.map(([keydown, frame]) => frame - keydown)),
    inputHandled: summarize(keys.filter((k) => k[3] > 0).map(([keydown, , , handled]) => handled - keydown)),
    slowKeystrokes: { count: slowKeys.filter(([name]) => name === 'keydown').length, of: keys.length, longestMs: Math.max(0, ...slowKeys.map(([, , duration]) => duration)) },
    // The first page saw its own keystrokes and everyone else's.
    mainThreadPerKeystroke: Object.fromEntries(Object.entries(mainThread).map(([name, value]) => [name, value / (scenario.keysPerTypist * pages.length)])),
    remote: summarize(remote),
    clockUncertaintyMs: Math.max(...clocks.map((c) => c.uncertainty)),
    consistent: finals.every((lengths) => lengths.every((length, i) => length === expected[i])),
  };
}

// Everyone types `profileKeys` more while the first page is profiled (it types and receives).
async function profileTyping(pages: BenchPage[], blocks: number[], text: string, scenario: BrowserScenario): Promise<{ top: HotFunction[]; file: string }> {
  const { cdp } = pages[0];
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  await typeTogether(pages, blocks, text, scenario.profileKeys, scenario.keyIntervalMs);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  await mkdir(PROFILE_DIR, { recursive: true });
  const file = new URL('browser-page.cpuprofile', PROFILE_DIR).pathname;
  await writeFile(file, JSON.stringify(profile));
  return { top: topFunctions(profile, 12), file };
}

// Chromium's page metrics by name (Performance.getMetrics).
async function metrics({ cdp }: BenchPage): Promise<Map<string, number>> {
  await cdp.send('Performance.enable');
  return new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
}

/**
 * The main-thread times (seconds, cumulative) and counts Chromium keeps, by its metric names:
 * the *Duration ones are wall time; ThreadTime (the main thread's CPU time) and ProcessTime (the
 * renderer process's, every thread) are CPU time, which load elsewhere on the machine inflates far less.
 */
const TASK_METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'ThreadTime', 'ProcessTime', 'LayoutCount', 'RecalcStyleCount'] as const;

/** Whether a task metric is a time (seconds), not a count. */
export const isTimeMetric = (name: string): boolean => name.endsWith('Duration') || name.endsWith('Time');

// How much each of TASK_METRICS grew between two readings (durations in ms).
const taskTimes = (after: Map<string, number>, before: Map<string, number>) =>
  Object.fromEntries(TASK_METRICS.map((name) => [name, ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * (isTimeMetric(name) ? 1000 : 1)]));

// A page's heap after a garbage collection, and its DOM node count.
async function heapSample(page: BenchPage, minute: number): Promise<HeapSample> {
  await page.cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await page.cdp.send('Runtime.getHeapUsage');
  return { minute, heapBytes: usedSize, domNodes: (await metrics(page)).get('Nodes') ?? 0 };
}

// The first typist types for memoryMinutes simulated minutes at speedUp×, a new paragraph after each minute; heap samples each minute.
async function measureMemory(pages: BenchPage[], block: number, text: string, scenario: BrowserScenario, log: (message: string) => void): Promise<BrowserResult['memory']> {
  const [typist, watcher] = pages;
  await caretAtEndOfBlock(typist.page, block);
  const typistSamples = [await heapSample(typist, 0)];
  const watcherSamples = [await heapSample(watcher, 0)];
  const interval = 60_000 / scenario.keysPerMinute / scenario.speedUp;
  const started = benchNow();
  let typed = 0;
  for (let minute = 1; minute <= scenario.memoryMinutes; minute++) {
    await typeKeys(typist.page, text, 5000 + typed, scenario.keysPerMinute, interval);
    await typist.page.keyboard.press('Enter');
    typed += scenario.keysPerMinute + 1;
    typistSamples.push(await heapSample(typist, minute));
    watcherSamples.push(await heapSample(watcher, minute));
    const last = typistSamples[typistSamples.length - 1];
    log(`browser: minute ${minute}: typist heap ${(last.heapBytes / 2 ** 20).toFixed(1)} MiB, ${last.domNodes} nodes; watcher ${(watcherSamples[watcherSamples.length - 1].heapBytes / 2 ** 20).toFixed(1)} MiB`);
  }
  return {
    typist: typistSamples,
    watcher: watcherSamples,
    typistLevelsOff: levelsOff(typistSamples),
    watcherLevelsOff: levelsOff(watcherSamples),
    realSeconds: (benchNow() - started) / 1000,
    keys: typed,
  };
}
