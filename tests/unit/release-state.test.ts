// Release rules (model/release-state.ts): the embargo lifts exactly at its instant, a hold blocks
// whatever the time, a kill is reported by every export format; requests are read strictly.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineText, META_KEYS, metaMap, replaceText } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { exportHtml } from '../../model/html-export.ts';
import { exportNinjs } from '../../model/ninjs-export.ts';
import {
  isEmbargoed,
  pubstatus,
  readKillRequest,
  readReleaseRequest,
  RELEASE_NOTE_MAX,
  releaseBlock,
  releaseLines,
  releaseMarks,
  utcText,
  type ReleaseState,
} from '../../model/release-state.ts';
import { exportText } from '../../model/text-export.ts';

const UNTIL = Date.UTC(2026, 11, 8, 6, 0);
const mark = (note: string) => ({ note, byName: 'Eve', at: 1 });
const state = (fields: Partial<ReleaseState>): ReleaseState => ({ embargoUntil: null, hold: null, killed: null, ...fields });
const pictureUrl = () => null;

function doc(): Y.Doc {
  const d = new Y.Doc();
  replaceText(headlineText(d), 'Budget leaks');
  metaMap(d).set(META_KEYS.planningNote, 'Check the figures');
  appendParagraphs(d, ['First.']);
  return d;
}

describe('the embargo', () => {
  it('holds until its instant and lifts exactly at it', () => {
    const embargoed = state({ embargoUntil: UNTIL });
    expect(isEmbargoed(embargoed, UNTIL - 1)).toBe(true);
    expect(isEmbargoed(embargoed, UNTIL)).toBe(false);
    expect(releaseBlock(releaseMarks(embargoed, UNTIL - 1))).toEqual({ kind: 'embargo', until: UNTIL });
    expect(releaseBlock(releaseMarks(embargoed, UNTIL))).toBeNull();
    expect(pubstatus(releaseMarks(embargoed, UNTIL - 1))).toBe('withheld');
    expect(pubstatus(releaseMarks(embargoed, UNTIL))).toBe('usable');
  });

  it('is written in UTC whatever the zone', () => {
    expect(utcText(UNTIL)).toBe('8 Dec 2026, 06:00 UTC');
    expect(releaseLines(releaseMarks(state({ embargoUntil: UNTIL }), 0))).toEqual(['EMBARGOED until 8 Dec 2026, 06:00 UTC']);
    expect(releaseLines(releaseMarks(state({ embargoUntil: UNTIL }), UNTIL))).toEqual([]);
  });
});

describe('a legal hold', () => {
  it('blocks release whatever the time, before an embargo does', () => {
    const held = state({ hold: mark('Court order'), embargoUntil: UNTIL });
    for (const now of [0, UNTIL - 1, UNTIL, UNTIL * 2]) {
      expect(releaseBlock(releaseMarks(held, now))).toEqual({ kind: 'hold', note: 'Court order' });
      expect(pubstatus(releaseMarks(held, now))).toBe('withheld');
    }
  });
});

describe('a killed story', () => {
  const killed = releaseMarks(state({ killed: mark('Libel\nrisk'), hold: mark('Court order'), embargoUntil: UNTIL }), 0);

  it('is not blocked (it goes out saying it is killed) and is canceled in ninjs', () => {
    expect(releaseBlock(killed)).toBeNull();
    expect(pubstatus(killed)).toBe('canceled');
  });

  it('is reported by every export format', () => {
    expect(exportText(doc(), null, killed).split('\n').slice(0, 4)).toEqual([
      'KILLED: Libel risk — do not use',
      'LEGAL HOLD: Court order — do not publish',
      'EMBARGOED until 8 Dec 2026, 06:00 UTC',
      '',
    ]);
    const html = exportHtml(doc(), { pictureUrl }, killed);
    expect(html.split('\n').slice(0, 3)).toEqual(['<article>', '<p class="release">KILLED: Libel risk — do not use</p>', '<p class="release">LEGAL HOLD: Court order — do not publish</p>']);
    const item = exportNinjs(doc(), { id: 'a', pictureUrl, release: killed });
    expect(item.pubstatus).toBe('canceled');
    expect(item.embargoed).toBe('2026-12-08T06:00:00.000Z');
    expect(item.ednote).toBe('KILLED: Libel risk — do not use\nLEGAL HOLD: Court order — do not publish\n\nCheck the figures');
  });
});

describe('exports of a story free to release', () => {
  const free = releaseMarks(state({ embargoUntil: UNTIL }), UNTIL);

  it('carry no release line, and ninjs says usable', () => {
    expect(exportText(doc(), null, free)).toBe(exportText(doc()));
    expect(exportHtml(doc(), { pictureUrl }, free)).toBe(exportHtml(doc(), { pictureUrl }));
    const item = exportNinjs(doc(), { id: 'a', pictureUrl, release: free });
    expect(item.pubstatus).toBe('usable');
    expect(item.embargoed).toBeUndefined();
    expect(item.ednote).toBe('Check the figures');
  });

  it('escape the note in HTML', () => {
    const html = exportHtml(doc(), { pictureUrl }, releaseMarks(state({ hold: mark('<script>x</script>') }), 0));
    expect(html).toContain('LEGAL HOLD: &lt;script&gt;x&lt;/script&gt; — do not publish');
  });
});

describe('reading requests', () => {
  it('takes an embargo and a hold with a note, trimmed', () => {
    expect(readReleaseRequest({ embargoUntil: UNTIL, hold: { note: ' Court order ' } })).toEqual({ ok: true, value: { embargoUntil: UNTIL, hold: { note: 'Court order' } } });
    expect(readReleaseRequest({ embargoUntil: null, hold: null })).toEqual({ ok: true, value: { embargoUntil: null, hold: null } });
  });

  it('refuses wrong shapes with a sentence', () => {
    const bad: Record<string, unknown>[] = [
      {},
      { embargoUntil: null },
      { embargoUntil: '2026-12-08', hold: null },
      { embargoUntil: 1.5, hold: null },
      { embargoUntil: -1, hold: null },
      { embargoUntil: 9e15, hold: null },
      { embargoUntil: null, hold: true },
      { embargoUntil: null, hold: {} },
      { embargoUntil: null, hold: { note: '  ' } },
      { embargoUntil: null, hold: { note: 'x'.repeat(RELEASE_NOTE_MAX + 1) } },
      { embargoUntil: null, hold: { note: 'x', by: 'me' } },
      { embargoUntil: null, hold: null, killed: true },
    ];
    for (const body of bad) {
      const read = readReleaseRequest(body);
      expect(read.ok, JSON.stringify(body)).toBe(false);
      if (!read.ok) expect(read.error).toMatch(/^[a-z].{10,}/);
    }
  });

  it('wants a note for a kill', () => {
    expect(readKillRequest({ note: 'Libel' })).toEqual({ ok: true, value: { note: 'Libel' } });
    expect(readKillRequest({})).toEqual({ ok: false, error: 'a kill needs a note saying why' });
    expect(readKillRequest({ note: 3 }).ok).toBe(false);
    expect(readKillRequest({ note: 'x', hold: 1 }).ok).toBe(false);
  });
});
