// The "Editor in the browser" and "Offline merge" sections of bench/RESULTS.md.
import { BROWSER_TARGETS, isTimeMetric, type BrowserOutcome } from './browser-bench.ts';
import { OFFLINE_TARGETS, type OfflineOutcome } from './offline-merge.ts';
import { median } from './stats.ts';

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const count = (value: number) => value.toLocaleString('en-US');
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const met = (value: number, target: number) => (value < target ? 'yes' : '**NO**');

const BROWSER_METHOD = `Our server (as in the other parts, a child process on a temporary SQLite data dir) serves the built renderer (\`npm run build:app\` first); four editors are added with \`server/main.ts user add\`. The story: the final text of the seph-blog1 editing trace split into paragraphs on blank lines and repeated from its start to 10,000 words, written by a Node client before any page opens it. One Debian Chromium (\`/usr/bin/chromium --headless\`, driven by playwright-core) holds four browser contexts, each signed in through the UI as a different editor. Open: in each page, from the click on the story's link in the list (the click event's timeStamp) until the body is contenteditable with every block and the last one's text (a MutationObserver), each page once, then reopened from the list on the first page. Typing: each editor puts the caret at the end of a paragraph of its own (spread over the story) and types letters and spaces one key at a time (playwright's keyboard: keydown, keypress, input, keyup through CDP), one every 150 ms, the four starting a fraction of that apart. Input to paint, on the typist's page: from the keydown's timeStamp until a task queued from the first requestAnimationFrame asked for in the keystroke's input event runs (which is after the paint of the frame that shows the character); "next frame's start" is until that rAF callback starts; "handled" is until a task queued from the input event runs (the editor's own work, and any wait for the main thread). Headless Chromium makes frames at 60 Hz, so even a keystroke that takes no time waits up to 16.7 ms for its frame: input to paint below 16 ms at p99 means the editor's work plus that wait fits one frame, which on a 60 Hz display it cannot always; "handled" says how much of a frame the editor itself takes. Event Timing (\`PerformanceObserver\` type \`event\`, which reports only entries of 16 ms or more, rounded to 8 ms) gives a second opinion: how many keydowns had one. To another page: every page's MutationObserver records when each typist's paragraph changes length (text without the collaborators' caret labels); keystroke k is there once the paragraph is k + 1 characters longer than it started; from the typist page's keydown. Each page's performance.now() is put on one clock by the round trip with the shortest time of 15 (the table says how far off that may be). Profile: the four type a little more while CDP \`Profiler\` samples the first page (it types and receives), every 250 µs; the functions with most self time. Memory: the first editor types for N simulated minutes of 300 keys (5 a second) at 10× speed, a new paragraph after each minute; after each minute CDP \`HeapProfiler.collectGarbage\` then \`Runtime.getHeapUsage\` (used JS heap) and \`Performance.getMetrics\` (DOM nodes) on the typist's page and on a page watching. "Levels off": the heap's growth per minute over the second half of the samples is at most half that over the first half, or under 256 KiB a minute.`;

const OFFLINE_METHOD = `Our server as above; a stock y-websocket client in Node (with the "saved" tracker of model/saved-tracker.ts) syncs a new 10,000-word story (as in the browser part), disconnects, appends a paragraph and applies every transaction of the seph-blog1 trace to it (one Yjs transaction each), then reconnects. Stored: from \`provider.connect()\` until the server's SAVED answer covers every change (everything is in the story's log on disk). On the page: a Chromium page, signed in as another editor, has the story open from the list; its MutationObserver notes when the new paragraph's text reaches the client's length (page clock calibrated as above).`;

/** The browser part's section: the table against the targets, details and the method, or why it was skipped. */
export function browserSection(outcome: BrowserOutcome): string {
  if ('skipped' in outcome) return `Skipped: ${outcome.skipped}.`;
  const r = outcome;
  const { typist, watcher } = r.memory;
  const last = (samples: typeof typist) => samples[samples.length - 1];
  const table = [
    row(['measure', 'p50', 'p99', 'target', 'met']),
    row(['---', '---:', '---:', '---:', '---:']),
    row([`input to paint, typist's page (${count(r.inputToPaint.n)} keystrokes)`, ms(r.inputToPaint.p50), ms(r.inputToPaint.p99), `p99 < ${BROWSER_TARGETS.inputToPaintP99} ms`, met(r.inputToPaint.p99, BROWSER_TARGETS.inputToPaintP99)]),
    row(["input handled by the editor, typist's page", ms(r.inputHandled.p50), ms(r.inputHandled.p99), '', '']),
    row(["input to the next frame's start, typist's page", ms(r.inputToFrame.p50), ms(r.inputToFrame.p99), '', '']),
    row([`keystroke to another page's DOM (${count(r.remote.n)} pairs)`, ms(r.remote.p50), ms(r.remote.p99), `p99 < ${BROWSER_TARGETS.remoteP99} ms`, met(r.remote.p99, BROWSER_TARGETS.remoteP99)]),
    row([`open from the list to editable (median of ${r.open.first.length} first opens)`, ms(median(r.open.first)), '', `< ${BROWSER_TARGETS.openMedian} ms`, met(median(r.open.first), BROWSER_TARGETS.openMedian)]),
    row([`page heap after ${typist.length - 1} simulated minutes (typist · watcher)`, `${mib(last(typist).heapBytes)} · ${mib(last(watcher).heapBytes)}`, '', 'levels off', r.memory.typistLevelsOff && r.memory.watcherLevelsOff ? 'yes' : '**NO**']),
  ].join('\n');
  const heap = (samples: typeof typist) => samples.map((s) => `${s.minute}: ${mib(s.heapBytes)} (${count(s.domNodes)} nodes)`).join(', ');
  const details = [
    `- story: ${count(r.words)} words in ${r.blocks} body blocks; ${r.scenario.typists} editors typing ${r.scenario.keysPerTypist} keys each, one every ${r.scenario.keyIntervalMs} ms; every page ended with every editor's text: ${r.consistent ? 'yes' : '**NO**'}.`,
    `- open, first per page: ${r.open.first.map(ms).join(', ')}; reopened: ${r.open.reopens.map(ms).join(', ') || 'none'}; to the frame after, painted: ${r.open.painted.map(ms).join(', ')}.`,
    `- Event Timing: ${r.slowKeystrokes.count} of ${r.slowKeystrokes.of} keydowns had an entry of 16 ms or more; the longest key event entry ${ms(r.slowKeystrokes.longestMs)}. Page clocks agree to within ${ms(r.clockUncertaintyMs)}.`,
    `- main thread per keystroke on the first page (its own and the others' ${r.scenario.typists - 1}), Chromium's task metrics (the durations are wall time; ThreadTime and ProcessTime CPU time, of the main thread and of the page's whole process): ${Object.entries(r.mainThreadPerKeystroke).map(([name, value]) => `${name} ${isTimeMetric(name) ? ms(value) : value.toFixed(2)}`).join(', ')}.`,
    `- heap after GC by simulated minute (${count(r.memory.keys)} keys in ${r.memory.realSeconds.toFixed(0)} s), typist: ${heap(typist)}; watcher: ${heap(watcher)}.`,
    `- profile of the first page (\`${r.profileFile.replace(/^.*\/test-output\//, 'test-output/')}\`), most self time: ${r.profile.map((f) => `${f.name}${f.where ? ` (${f.where})` : ''} ${f.percent.toFixed(1)} %`).join(', ')}.`,
  ].join('\n');
  return `${table}\n\n${details}\n\n${BROWSER_METHOD}`;
}

/** The offline part's section: the table against the targets and the method, or why it was skipped. */
export function offlineSection(outcome: OfflineOutcome): string {
  if ('skipped' in outcome) return `Skipped: ${outcome.skipped}.`;
  const rounds = outcome.rounds;
  const table = [
    row(['round', 'typed offline', 'update', 'typing (client)', 'reconnect → stored', 'reconnect → on the page', 'page text matches']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...rounds.map((r, i) =>
      row([String(i + 1), `${count(r.transactions)} transactions, ${count(r.characters)} chars`, `${count(r.updateBytes)} B`, ms(r.typingMs), ms(r.serverMs), ms(r.pageMs), r.matches ? 'yes' : '**NO**']),
    ),
  ].join('\n');
  const server = median(rounds.map((r) => r.serverMs));
  const page = median(rounds.map((r) => r.pageMs));
  const verdict = `Into a story of ${count(outcome.words)} words. Median: stored ${ms(server)} (target < ${OFFLINE_TARGETS.server} ms: ${met(server, OFFLINE_TARGETS.server)}), on the page ${ms(page)} (target < ${OFFLINE_TARGETS.page} ms: ${met(page, OFFLINE_TARGETS.page)}); page clock within ${ms(outcome.clockUncertaintyMs)}.`;
  return `${table}\n\n${verdict}\n\n${OFFLINE_METHOD}`;
}
