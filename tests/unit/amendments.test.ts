// Updates and corrections after approval (issue 17, requirement 4): who may reopen an approved
// story and when (model/workflow.ts), and how approvals are numbered, what they amend, and the
// lines the exports print (model/amendments.ts).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPicture, headlineText, META_KEYS, metaMap, replaceText } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { exportHtml } from '../../model/html-export.ts';
import { exportNinjs } from '../../model/ninjs-export.ts';
import { exportText } from '../../model/text-export.ts';
import { parseArticleText } from '../../model/text-import.ts';
import { amendmentLine, combinedEdnote, numberApproval, type VersionStamp } from '../../model/amendments.ts';
import { ROLES } from '../../model/roles.ts';
import { applyTransition, INITIAL_WORKFLOW, type WorkflowState } from '../../model/workflow.ts';

const approved: WorkflowState = { status: 'approved', submittedRevision: null, approvedRevision: 3 };
const reopen = (note: string, as: 'update' | 'correction' = 'correction') => ({ kind: 'reopen' as const, as, note });

describe('applyTransition: reopen', () => {
  it('takes an approved story back to draft as a correction with the note, the approved revision still the publishable one', () => {
    expect(applyTransition(approved, reopen('  The bridge is in Leeds.  '), 'editor')).toEqual({
      ok: true,
      state: { status: 'draft', submittedRevision: null, approvedRevision: 3, reopened: { kind: 'correction', note: 'The bridge is in Leeds.' } },
    });
  });

  it('leaves a newer revision awaiting review in the queue, now carrying the update', () => {
    const filed: WorkflowState = { status: 'submitted', submittedRevision: 5, approvedRevision: 3 };
    expect(applyTransition(filed, reopen('New figures', 'update'), 'editor')).toEqual({
      ok: true,
      state: { ...filed, reopened: { kind: 'update', note: 'New figures' } },
    });
  });

  it.each(ROLES.filter((role) => role !== 'editor'))('refuses a %s (403): only an editor reopens', (role) => {
    const result = applyTransition(approved, reopen('Fix it'), role);
    expect(result).toMatchObject({ ok: false, reason: 'forbidden' });
    if (!result.ok) expect(result.message).toMatch(/^Only an editor can reopen.*\.$/);
  });

  it('refuses a story with no approved revision (409)', () => {
    const result = applyTransition(INITIAL_WORKFLOW, reopen('Fix it'), 'editor');
    expect(result).toMatchObject({ ok: false, reason: 'conflict' });
    if (!result.ok) expect(result.message).toContain('Approve it first.');
  });

  it('refuses reopening twice (409) until an approval settles the first', () => {
    const once = applyTransition(approved, reopen('Fix the name'), 'editor');
    if (!once.ok) throw new Error(once.message);
    const twice = applyTransition(once.state, reopen('Another', 'update'), 'editor');
    expect(twice).toMatchObject({ ok: false, reason: 'conflict', message: 'This story is already reopened as a correction. Approve a revision to settle that first.' });
    // Filing and sending back keep it; approving settles it, and the story may be reopened again.
    const filed = applyTransition(once.state, { kind: 'submit', revision: 4 }, 'reporter');
    if (!filed.ok) throw new Error(filed.message);
    expect(filed.state.reopened).toEqual({ kind: 'correction', note: 'Fix the name' });
    const sentBack = applyTransition(filed.state, { kind: 'reject', revision: 4, note: 'Not yet' }, 'editor');
    if (!sentBack.ok) throw new Error(sentBack.message);
    expect(sentBack.state).toEqual({ status: 'draft', submittedRevision: null, approvedRevision: 3, reopened: { kind: 'correction', note: 'Fix the name' } });
    const settled = applyTransition(filed.state, { kind: 'approve', revision: 4, pictures: [] }, 'editor');
    if (!settled.ok) throw new Error(settled.message);
    expect(settled.state.reopened ?? null).toBeNull();
    expect(applyTransition(settled.state, reopen('Again'), 'editor').ok).toBe(true);
  });

  it('requires a note (400), and one of at most 1000 characters', () => {
    for (const note of ['', '   \n ']) {
      expect(applyTransition(approved, reopen(note), 'editor')).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^A note is required to reopen a story as a correction\./) });
    }
    expect(applyTransition(approved, reopen('x'.repeat(1001)), 'editor')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(applyTransition(approved, reopen('x'.repeat(1000)), 'editor').ok).toBe(true);
  });

  it('refuses anything but an update or a correction (400)', () => {
    for (const as of ['', 'retraction', 'Correction', 'constructor']) {
      expect(applyTransition(approved, { kind: 'reopen', as: as as 'update', note: 'x' }, 'editor')).toMatchObject({ ok: false, reason: 'invalid' });
    }
  });
});

describe('numberApproval', () => {
  const stamp = (version: number, kind: 'update' | 'correction' | null = null, number = 1): VersionStamp => ({
    version,
    amendment: kind ? { kind, number, note: `${kind} ${number}` } : null,
  });

  it('numbers the first approval version 1, the original, amending nothing', () => {
    expect(numberApproval([], null)).toEqual({ version: 1, amendment: null });
  });

  it('gives every later approval the next version; one after a reopening carries it', () => {
    expect(numberApproval([stamp(1)], null)).toEqual({ version: 2, amendment: null });
    expect(numberApproval([stamp(1)], { kind: 'update', note: 'New figures' })).toEqual({ version: 2, amendment: { kind: 'update', number: 1, note: 'New figures' } });
  });

  it('counts updates and corrections separately, the version every approval', () => {
    const line = [stamp(1), stamp(2, 'update', 1), stamp(3, 'correction', 1), stamp(4), stamp(5, 'update', 2)];
    expect(numberApproval(line, { kind: 'correction', note: 'Name spelt wrong' })).toEqual({ version: 6, amendment: { kind: 'correction', number: 2, note: 'Name spelt wrong' } });
    expect(numberApproval(line, { kind: 'update', note: 'Later' })).toEqual({ version: 6, amendment: { kind: 'update', number: 3, note: 'Later' } });
  });
});

describe('the lines exports print', () => {
  it('reads "Correction (2): note" and "Update (1): note", the note on one line', () => {
    expect(amendmentLine({ kind: 'correction', number: 2, note: 'The bridge is in Leeds,\n not York.' })).toBe('Correction (2): The bridge is in Leeds, not York.');
    expect(amendmentLine({ kind: 'update', number: 1, note: 'Adds the council’s reply.' })).toBe('Update (1): Adds the council’s reply.');
  });

  it('puts the amendment before the planning note in a ninjs ednote, either alone as it is', () => {
    const amendment = { kind: 'correction' as const, number: 1, note: 'Leeds, not York.' };
    expect(combinedEdnote('Hold for the photo desk', amendment)).toBe('Correction (1): Leeds, not York.\n\nHold for the photo desk');
    expect(combinedEdnote('', amendment)).toBe('Correction (1): Leeds, not York.');
    expect(combinedEdnote('Hold for the photo desk', null)).toBe('Hold for the photo desk');
    expect(combinedEdnote('', null)).toBe('');
  });
});

describe('exports of an amended version', () => {
  const doc = new Y.Doc();
  replaceText(headlineText(doc), 'Bridge reopens <today>');
  appendParagraphs(doc, ['The bridge reopened.']);
  addPicture(doc, { id: 'p1', caption: 'The bridge', credit: 'Ann Snapper' });
  metaMap(doc).set(META_KEYS.planningNote, 'Photo desk has a better picture');
  const correction = { kind: 'correction' as const, number: 2, note: 'It is in <Leeds> & not York.' };
  const pictureUrl = () => null;

  it('ends the text with the correction line; imported again it is the last paragraph, the pictures still theirs', () => {
    const text = exportText(doc, correction);
    expect(text.trimEnd().split('\n').at(-1)).toBe('Correction (2): It is in <Leeds> & not York.');
    const imported = parseArticleText(text);
    expect(imported.paragraphs).toEqual(['The bridge reopened.', 'Correction (2): It is in <Leeds> & not York.']);
    expect(imported.pictures).toEqual([{ caption: 'The bridge', credit: 'Ann Snapper' }]);
    expect(exportText(doc)).not.toContain('Correction');
  });

  it('ends the HTML article with an escaped amendment paragraph', () => {
    const html = exportHtml(doc, { pictureUrl, amendment: correction });
    expect(html).toContain('<p class="amendment correction">Correction (2): It is in &lt;Leeds&gt; &amp; not York.</p>\n</article>');
    expect(exportHtml(doc, { pictureUrl, amendment: { kind: 'update', number: 1, note: 'More' } })).toContain('<p class="amendment update">Update (1): More</p>');
    expect(exportHtml(doc, { pictureUrl })).not.toContain('amendment');
  });

  it('gives ninjs the version as a string and the amendment before the planning note in ednote', () => {
    const item = exportNinjs(doc, { id: 'a', pictureUrl, version: { version: 3, amendment: correction } });
    expect(item.version).toBe('3');
    expect(item.ednote).toBe('Correction (2): It is in <Leeds> & not York.\n\nPhoto desk has a better picture');
    expect(exportNinjs(doc, { id: 'a', pictureUrl, version: { version: 1, amendment: null } })).toMatchObject({ version: '1', ednote: 'Photo desk has a better picture' });
    expect(exportNinjs(doc, { id: 'a', pictureUrl })).not.toHaveProperty('version');
  });
});
