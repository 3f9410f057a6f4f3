// Reviewing a revision against a real server: what blocks approving it (GET .../blockers, of that
// revision, not the draft), the 409 naming each picture whose image was never attached, the
// explicit approval without those images (`allowMissingImages`) and the audit entry that records
// it, and the comparisons a review shows: a resubmission against the revision sent back, and
// against the last approved one.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import type { ApprovalBlocker } from '../../model/approval-blockers.ts';
import { addPicture, bodyFragment, picturesArray, setPictureImage } from '../../model/article-schema.ts';
import { it as base } from '../support/fixtures.ts';
import { expectApiError, revisionApi } from '../support/revision-api.ts';

const HASH = 'd'.repeat(64);
const paragraphText = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

/**
 * The integration `it` with `review`: Ana (reporter), Eve (editor), Vic (viewer), Ana's tracked
 * client synced to Ana's new story, and the calls a review makes on it.
 */
const it = base.extend('review', async ({ server, connect }) => {
  const ana = await server.user('ana', 'reporter');
  const eve = await server.user('eve', 'editor');
  const vic = await server.user('vic', 'viewer');
  const id = await server.createArticle(ana.token, { headline: 'Summit ends without a deal' });
  const client = connect(server.wsUrl, id, ana.token, { track: true });
  await client.synced;
  const edit = async (change: (doc: Y.Doc) => void) => {
    client.doc.transact(() => change(client.doc));
    await client.tracker!.whenSaved();
  };
  const blockers = async (token: string, rev: number) => {
    const response = await server.api(`/api/articles/${id}/revisions/${rev}/blockers`, { token });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as ApprovalBlocker[];
  };
  const approve = (body: unknown, rev = 1) => server.api(`/api/articles/${id}/revisions/${rev}/approve`, { method: 'POST', token: eve.token, json: body });
  return { server, api: revisionApi(server), ana, eve, vic, id, edit, blockers, approve };
});

describe('reviewing a revision', () => {
  it('refuses approval (409) naming each picture whose image was never attached, and says the same before anyone asks', async ({ review }) => {
    const { api, ana, eve, vic, id, edit, blockers, approve } = review;
    await edit((doc) => {
      addPicture(doc, { id: 'p-putin', caption: 'Putin in 2021', credit: 'Gage Skidmore' });
      addPicture(doc, { id: 'p-ok', caption: 'The Kremlin', credit: 'AP', hash: HASH });
      addPicture(doc, { id: 'p-biden', caption: 'Biden at the podium', credit: 'Reuters' });
    });
    await api.snapshot(ana.token, id);
    await api.step(ana.token, id, 1, 'submit');

    const expected = [
      'Picture 1 (“Putin in 2021”) has no image: it was never attached. Attach it in Pictures and submit the story again, or approve without the missing images.',
      'Picture 3 (“Biden at the podium”) has no image: it was never attached. Attach it in Pictures and submit the story again, or approve without the missing images.',
    ];
    for (const token of [eve.token, ana.token, vic.token]) {
      expect((await blockers(token, 1)).map((b) => [b.kind, b.pictureId, b.position, b.waivable, b.message])).toEqual([
        ['missing-image', 'p-putin', 1, true, expected[0]],
        ['missing-image', 'p-biden', 3, true, expected[1]],
      ]);
    }
    expect(await expectApiError(await approve({}), 409)).toBe(expected.join(' '));
    expect(await expectApiError(await approve({ allowMissingImages: false }), 409)).toBe(expected.join(' '));
    expect(await api.article(eve.token, id)).toMatchObject({ status: 'submitted', submittedRevision: 1, approvedRevision: null });

    // Attaching the images in the draft changes nothing about revision 1.
    await edit((doc) => {
      setPictureImage(doc, 'p-putin', { hash: HASH, credit: '', copyright: '' });
      setPictureImage(doc, 'p-biden', { hash: HASH, credit: '', copyright: '' });
    });
    expect(await blockers(eve.token, 1)).toHaveLength(2);
    await api.snapshot(ana.token, id, 'images attached');
    expect(await blockers(eve.token, 2)).toEqual([]);
  });

  it('approves without the missing images only when asked, and the audit names them', async ({ review }) => {
    const { server, api, ana, eve, id, edit, approve } = review;
    await edit((doc) => {
      addPicture(doc, { id: 'p-putin', caption: 'Putin in 2021', credit: 'Gage Skidmore' });
      addPicture(doc, { id: 'p-nocredit', caption: 'Crowd at the rally', credit: '', hash: HASH });
    });
    await api.snapshot(ana.token, id);
    await api.step(ana.token, id, 1, 'submit');

    // The flag sets aside missing images, never a missing credit.
    expect(await expectApiError(await approve({ allowMissingImages: true }), 409)).toBe(
      'Picture 2 (“Crowd at the rally”) has no credit. Add one in Pictures and submit the story again, then approve.',
    );
    for (const flag of ['yes', 1, {}, []]) {
      expect(await expectApiError(await approve({ allowMissingImages: flag }), 400)).toBe('allowMissingImages must be true or false');
    }
    await edit((doc) => picturesArray(doc).get(1).set('credit', 'Newsroom staff'));
    await api.snapshot(ana.token, id, 'credited');
    await api.step(ana.token, id, 2, 'submit');
    await expectApiError(await approve({}, 2), 409);
    const response = await approve({ allowMissingImages: true, note: 'Picture desk will add the image' }, 2);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await api.article(eve.token, id)).toMatchObject({ status: 'approved', approvedRevision: 2 });

    const audit = (await server.server.store.listAudit({ articleId: id })).filter((a) => a.action === 'revision.approve');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: eve.id });
    expect(audit[0].detail).toMatchObject({
      revision: 2,
      note: 'Picture desk will add the image',
      approvedWithoutImages: [{ pictureId: 'p-putin', position: 1, caption: 'Putin in 2021' }],
    });

    // An approval that needed no waiver records none, even with the flag set.
    await edit((doc) => setPictureImage(doc, 'p-putin', { hash: HASH, credit: '', copyright: '' }));
    await api.snapshot(ana.token, id, 'image attached');
    await api.step(eve.token, id, 3, 'approve', { allowMissingImages: true });
    const later = (await server.server.store.listAudit({ articleId: id })).filter((a) => a.action === 'revision.approve' && a.detail.revision === 3);
    expect(later).toHaveLength(1);
    expect(later[0].detail).not.toHaveProperty('approvedWithoutImages');
  });

  it('answers blockers only for a revision the story has, to a signed-in user', async ({ review }) => {
    const { server, api, ana, id } = review;
    await api.snapshot(ana.token, id);
    await expectApiError(await server.api(`/api/articles/${id}/revisions/2/blockers`, { token: ana.token }), 404);
    for (const rev of ['0', 'abc', '1.5', '-1']) await expectApiError(await server.api(`/api/articles/${id}/revisions/${rev}/blockers`, { token: ana.token }), 400);
    await expectApiError(await server.api('/api/articles/00000000-0000-4000-8000-000000000000/revisions/1/blockers', { token: ana.token }), 404);
    await expectApiError(await server.api(`/api/articles/${id}/revisions/1/blockers`), 401);
    expect(await (await server.api(`/api/articles/${id}/revisions/1/blockers`, { token: ana.token })).json()).toEqual([]);
  });

  it('compares a resubmission with the revision sent back (the answer alone) and with the last approved one (everything since)', async ({ review }) => {
    const { api, ana, eve, id, edit } = review;
    await edit((doc) => paragraphText(doc, 0).insert(0, 'Talks ended on Friday.'));
    await api.snapshot(ana.token, id, 'first');
    await api.step(ana.token, id, 1, 'submit');
    await api.step(eve.token, id, 1, 'approve');

    await edit((doc) => paragraphText(doc, 0).insert(paragraphText(doc, 0).length, ' Both sides blamed each other.'));
    await api.snapshot(ana.token, id, 'second');
    await api.step(ana.token, id, 2, 'submit');
    await api.step(eve.token, id, 2, 'reject', { note: 'Who said what?' });

    await edit((doc) => paragraphText(doc, 0).insert(paragraphText(doc, 0).length, ' The envoy declined to comment.'));
    await api.snapshot(ana.token, id, 'answered');
    await api.step(ana.token, id, 3, 'submit');

    // The statuses the app picks the comparisons from: 2 was sent back, with the note; 1 is approved.
    expect((await api.list(eve.token, id)).map((r) => [r.number, r.status, r.statusNote])).toEqual([
      [1, 'approved', ''],
      [2, 'sent-back', 'Who said what?'],
      [3, 'submitted', ''],
    ]);
    const inserted = (diff: Awaited<ReturnType<typeof api.diff>>) => diff.fields.flatMap((f) => f.spans.filter((s) => s.kind === 'added').map((s) => s.text));

    const answer = await api.diff(eve.token, id, 2, 3);
    expect(answer).toMatchObject({ from: 2, to: 3, wordsAdded: 5, wordsRemoved: 0 });
    expect(inserted(answer)).toEqual([' The envoy declined to comment.']);
    expect(answer.fields.flatMap((f) => f.spans).every((s) => s.kind !== 'added' || s.authorId === ana.id)).toBe(true);

    const sinceApproved = await api.diff(eve.token, id, 1, 3);
    expect(sinceApproved).toMatchObject({ from: 1, to: 3, wordsAdded: 10 });
    expect(inserted(sinceApproved).join('')).toBe(' Both sides blamed each other. The envoy declined to comment.');
    expect(await api.diff(eve.token, id, 'approved', 3)).toEqual(sinceApproved);
  });
});
