// Pure helpers of the browser bench: the story it builds, matching a typist's keystrokes to
// when another page showed them, whether page memory levels off, and a CPU profile's top functions.

/** Paragraphs of `text` (split on blank lines, trimmed, empty ones dropped), repeated from the start until they hold at least `minWords` words. */
export function storyParagraphs(text: string, minWords: number): string[] {
  const source = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  if (source.length === 0) throw new Error('the story text has no paragraphs');
  const paragraphs: string[] = [];
  let words = 0;
  for (let i = 0; words < minWords; i++) {
    const paragraph = source[i % source.length];
    paragraphs.push(paragraph);
    words += wordCount(paragraph);
  }
  return paragraphs;
}

/** Words in `text` (runs of non-space). */
export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** A watched paragraph's text length on another page, and when (ms, on the bench's shared clock) it became so. */
export interface Arrival {
  length: number;
  at: number;
}

/**
 * How long each keystroke took to show on another page: keystroke k (sent at `sentAt[k]`, each
 * one character appended to a paragraph of `baseLength` characters) is visible once the other
 * page's paragraph is at least `baseLength + k + 1` long. Keystrokes never seen are left out.
 */
export function remoteLatencies(sentAt: readonly number[], arrivals: readonly Arrival[], baseLength: number): number[] {
  const latencies: number[] = [];
  let next = 0; // arrivals only grow longer, so one pass over both
  for (let k = 0; k < sentAt.length; k++) {
    while (next < arrivals.length && arrivals[next].length < baseLength + k + 1) next++;
    if (next === arrivals.length) break;
    latencies.push(arrivals[next].at - sentAt[k]);
  }
  return latencies;
}

/** One reading of a page's memory after a garbage collection. */
export interface HeapSample {
  /** Simulated minutes of typing so far. */
  minute: number;
  /** JS heap in use, bytes. */
  heapBytes: number;
  /** DOM nodes in the page. */
  domNodes: number;
}

/**
 * Whether a page's heap levels off: the growth per minute over the second half of the samples is
 * at most `ratio` of that over the first half, or under `floorBytes` a minute (noise).
 */
export function levelsOff(samples: readonly HeapSample[], ratio = 0.5, floorBytes = 256 * 1024): boolean {
  if (samples.length < 3) return false;
  const mid = Math.floor((samples.length - 1) / 2);
  const slope = (a: HeapSample, b: HeapSample) => (b.heapBytes - a.heapBytes) / Math.max(1e-9, b.minute - a.minute);
  const first = slope(samples[0], samples[mid]);
  const second = slope(samples[mid], samples[samples.length - 1]);
  return second <= floorBytes || second <= ratio * Math.max(0, first);
}

/** The node of a Chrome DevTools CPU profile (`Profiler.stop`'s `profile`) that this file reads. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** A function's share of the samples of a profile. */
export interface HotFunction {
  name: string;
  /** Where it is: the script's file name and line (1-based), or '' for the engine's own entries. */
  where: string;
  selfMs: number;
  percent: number;
}

/** The functions with the most self time in a CPU profile (idle left out), merged by name and place. */
export function topFunctions(profile: { nodes: ProfileNode[]; startTime: number; endTime: number }, count = 10): HotFunction[] {
  const totalHits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  if (totalHits === 0) return [];
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / totalHits;
  const byKey = new Map<string, { name: string; where: string; hits: number }>();
  let busyHits = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (hits === 0 || functionName === '(idle)') continue;
    busyHits += hits;
    const where = url ? `${url.slice(url.lastIndexOf('/') + 1)}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = byKey.get(key) ?? { name: functionName || '(anonymous)', where, hits: 0 };
    entry.hits += hits;
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, count)
    .map((e) => ({ name: e.name, where: e.where, selfMs: e.hits * msPerHit, percent: (e.hits / busyHits) * 100 }));
}
