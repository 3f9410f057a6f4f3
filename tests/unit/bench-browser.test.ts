// The browser and offline benches' pure parts: the long story they build, matching keystrokes to
// when another page showed them, whether a page's heap levels off, a CPU profile's top functions,
// the --only names, and their sections of the results file.
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/bench-args.ts';
import type { BrowserResult } from '../../bench/browser-bench.ts';
import { browserSection, offlineSection } from '../../bench/browser-report.ts';
import { levelsOff, remoteLatencies, storyParagraphs, topFunctions, wordCount, type HeapSample } from '../../bench/browser-stats.ts';
import { summarize } from '../../bench/stats.ts';

describe('storyParagraphs', () => {
  it('splits on blank lines, folds whitespace and repeats the text until it has the words asked for', () => {
    const paragraphs = storyParagraphs('one two\nthree\n\n\nfour  five\n\n', 12);
    expect(paragraphs).toEqual(['one two three', 'four five', 'one two three', 'four five', 'one two three']);
    expect(paragraphs.reduce((n, p) => n + wordCount(p), 0)).toBe(13);
  });

  it('refuses a text without paragraphs', () => {
    expect(() => storyParagraphs(' \n\n ', 10)).toThrow('no paragraphs');
  });
});

describe('remoteLatencies', () => {
  it('times each keystroke to the first time the other page had its character', () => {
    // Paragraph of 10 chars; keys sent at 0, 100, 200; the page got 11 at 20, then 13 at 230 (two at once).
    const arrivals = [
      { length: 10, at: 0 },
      { length: 11, at: 20 },
      { length: 13, at: 230 },
    ];
    expect(remoteLatencies([0, 100, 200], arrivals, 10)).toEqual([20, 130, 30]);
  });

  it('leaves out keystrokes the other page never showed', () => {
    expect(remoteLatencies([0, 100, 200], [{ length: 11, at: 5 }], 10)).toEqual([5]);
  });
});

describe('levelsOff', () => {
  const samples = (heaps: number[]): HeapSample[] => heaps.map((heapMiB, minute) => ({ minute, heapBytes: heapMiB * 2 ** 20, domNodes: 2000 }));

  it('holds when the heap grows by less in the second half than half of the first', () => {
    expect(levelsOff(samples([10, 14, 16, 16.5, 16.8]))).toBe(true);
  });

  it('holds when the later growth is under the noise floor', () => {
    expect(levelsOff(samples([10, 10.1, 10.2, 10.3, 10.4]))).toBe(true);
  });

  it('fails for a heap that keeps growing by the same each minute', () => {
    expect(levelsOff(samples([10, 12, 14, 16, 18]))).toBe(false);
  });

  it('fails with too few samples to tell', () => {
    expect(levelsOff(samples([10, 10]))).toBe(false);
  });
});

describe('topFunctions', () => {
  const frame = (functionName: string, url = '', lineNumber = -1) => ({ functionName, url, lineNumber });
  const profile = {
    startTime: 0,
    endTime: 10_000, // 10 ms over 10 hits: 1 ms a hit
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('(idle)'), hitCount: 4 },
      { id: 3, callFrame: frame('render', 'http://x/assets/index.js', 11), hitCount: 2 },
      { id: 4, callFrame: frame('render', 'http://x/assets/index.js', 11), hitCount: 1 },
      { id: 5, callFrame: frame('(program)'), hitCount: 3 },
    ],
  };

  it('ranks functions by self time, merged by name and place, idle left out', () => {
    expect(topFunctions(profile)).toEqual([
      { name: 'render', where: 'index.js:12', selfMs: 3, percent: 50 },
      { name: '(program)', where: '', selfMs: 3, percent: 50 },
    ]);
  });

  it('is empty for a profile without samples', () => {
    expect(topFunctions({ ...profile, nodes: [profile.nodes[0]] })).toEqual([]);
  });
});

describe('the browser parts in the bench', () => {
  it('are parts --only may name', () => {
    expect([...parseBenchArgs(['--only', 'browser,offline']).parts]).toEqual(['browser', 'offline']);
  });

  it('report against their targets', () => {
    const heap = (minute: number, mib: number): HeapSample => ({ minute, heapBytes: mib * 2 ** 20, domNodes: 2000 });
    const result: BrowserResult = {
      scenario: { typists: 4, keysPerTypist: 2, keyIntervalMs: 150, reopens: 1, profileKeys: 1, memoryMinutes: 2, keysPerMinute: 300, speedUp: 10 },
      words: 10_026,
      blocks: 283,
      open: { first: [400, 600, 300], reopens: [200], painted: [420, 620, 320, 220] },
      inputToPaint: summarize([10, 12, 20]),
      inputToFrame: summarize([2, 3, 4]),
      inputHandled: summarize([1, 2, 3]),
      mainThreadPerKeystroke: { TaskDuration: 3, LayoutCount: 1.5 },
      slowKeystrokes: { count: 1, of: 3, longestMs: 24 },
      remote: summarize([20, 30, 40]),
      clockUncertaintyMs: 0.2,
      consistent: true,
      profile: [{ name: 'render', where: 'index.js:12', selfMs: 3, percent: 50 }],
      profileFile: '/repo/test-output/bench/browser-page.cpuprofile',
      memory: { typist: [heap(0, 7), heap(1, 8), heap(2, 8)], watcher: [heap(0, 6), heap(1, 9), heap(2, 12)], typistLevelsOff: true, watcherLevelsOff: false, realSeconds: 12, keys: 602 },
    };
    const section = browserSection(result);
    expect(section).toContain("| input to paint, typist's page (3 keystrokes) | 12.0 ms | 20.0 ms | p99 < 16 ms | **NO** |");
    expect(section).toContain("| input handled by the editor, typist's page | 2.0 ms | 3.0 ms |  |  |");
    expect(section).toContain("| keystroke to another page's DOM (3 pairs) | 30.0 ms | 40.0 ms | p99 < 50 ms | yes |");
    expect(section).toContain('| open from the list to editable (median of 3 first opens) | 400.0 ms |  | < 500 ms | yes |');
    expect(section).toContain('| page heap after 2 simulated minutes (typist · watcher) | 8.0 MiB · 12.0 MiB |  | levels off | **NO** |');
    expect(section).toContain('TaskDuration 3.0 ms, LayoutCount 1.50.');
    expect(section).toContain('`test-output/bench/browser-page.cpuprofile`');
    expect(browserSection({ skipped: 'no Chromium' })).toBe('Skipped: no Chromium.');
  });

  it('report the offline merge against its targets', () => {
    const round = (serverMs: number, pageMs: number) => ({ transactions: 137_154, characters: 56_769, updateBytes: 300_000, typingMs: 9000, serverMs, pageMs, matches: true });
    const section = offlineSection({ rounds: [round(800, 1500), round(1200, 2500), round(900, 1000)], words: 10_026, clockUncertaintyMs: 0.5 });
    expect(section).toContain('Into a story of 10,026 words. Median: stored 900.0 ms (target < 1000 ms: yes), on the page 1500.0 ms (target < 2000 ms: yes)');
    expect(section).toContain('| 2 | 137,154 transactions, 56,769 chars | 300,000 B | 9000.0 ms | 1200.0 ms | 2500.0 ms | yes |');
  });
});
