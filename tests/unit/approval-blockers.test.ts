// The approval blockers: one list, computed from a revision's content, that the server refuses
// with and the app shows before anyone clicks. Each picture's missing credit and missing image,
// in order; which of them an editor may set aside; and the sentences that say them.
import { describe, expect, it } from 'vitest';
import type { Picture } from '../../model/article-schema.ts';
import {
  approvalBlockers,
  pictureName,
  picturesMissingCredit,
  refusalMessage,
  standingBlockers,
  submitWarning,
  waivedBlockers,
} from '../../model/approval-blockers.ts';

const HASH = 'b'.repeat(64);
const picture = (fields: Partial<Picture> & { id: string }): Picture => ({ hash: HASH, caption: '', credit: 'AP', copyright: '', alt: '', ...fields });

describe('approvalBlockers', () => {
  it('is empty for a story without pictures, or whose pictures all have a credit and an image', () => {
    expect(approvalBlockers({ pictures: [] })).toEqual([]);
    expect(approvalBlockers({ pictures: [picture({ id: 'a' }), picture({ id: 'b', caption: 'Docks' })] })).toEqual([]);
  });

  it('lists each picture without a credit and each whose image was never attached, in the story’s order', () => {
    const blockers = approvalBlockers({
      pictures: [
        picture({ id: 'p1', caption: 'Fine' }),
        picture({ id: 'p2', caption: ' Crowd at the rally ', credit: '  ' }),
        picture({ id: 'p3', hash: '', caption: 'Putin in 2021', credit: 'Gage Skidmore' }),
        picture({ id: 'p4', hash: '', credit: '' }),
      ],
    });
    expect(blockers.map((b) => [b.kind, b.pictureId, b.position, b.caption, b.waivable])).toEqual([
      ['missing-credit', 'p2', 2, 'Crowd at the rally', false],
      ['missing-image', 'p3', 3, 'Putin in 2021', true],
      ['missing-credit', 'p4', 4, '', false],
      ['missing-image', 'p4', 4, '', true],
    ]);
    expect(blockers.map((b) => b.message)).toEqual([
      'Picture 2 (“Crowd at the rally”) has no credit. Add one in Pictures and submit the story again, then approve.',
      'Picture 3 (“Putin in 2021”) has no image: it was never attached. Attach it in Pictures and submit the story again, or approve without the missing images.',
      'Picture 4 has no credit. Add one in Pictures and submit the story again, then approve.',
      'Picture 4 has no image: it was never attached. Attach it in Pictures and submit the story again, or approve without the missing images.',
    ]);
    expect(blockers.map((b) => b.problem)).toEqual([
      'Picture 2 (“Crowd at the rally”) has no credit.',
      'Picture 3 (“Putin in 2021”) has no image: it was never attached.',
      'Picture 4 has no credit.',
      'Picture 4 has no image: it was never attached.',
    ]);
  });

  it('survives a JSON round trip (the server sends it to the app as it is)', () => {
    const blockers = approvalBlockers({ pictures: [picture({ id: 'x', hash: '', credit: '' })] });
    expect(JSON.parse(JSON.stringify(blockers))).toEqual(blockers);
  });
});

describe('waivers', () => {
  const blockers = approvalBlockers({
    pictures: [picture({ id: 'nocredit', credit: '' }), picture({ id: 'noimage', hash: '' }), picture({ id: 'neither', hash: '', credit: '' })],
  });

  it('without a waiver every blocker stands and none is waived', () => {
    expect(standingBlockers(blockers, {})).toEqual(blockers);
    expect(standingBlockers(blockers, { allowMissingImages: false })).toEqual(blockers);
    expect(waivedBlockers(blockers, {})).toEqual([]);
  });

  it('allowMissingImages sets aside the missing images only; missing credits still stand', () => {
    const waived = waivedBlockers(blockers, { allowMissingImages: true });
    expect(waived.map((b) => [b.kind, b.pictureId])).toEqual([
      ['missing-image', 'noimage'],
      ['missing-image', 'neither'],
    ]);
    expect(standingBlockers(blockers, { allowMissingImages: true }).map((b) => [b.kind, b.pictureId])).toEqual([
      ['missing-credit', 'nocredit'],
      ['missing-credit', 'neither'],
    ]);
  });
});

describe('the sentences', () => {
  it('names a picture by its place, with its caption when it has one', () => {
    expect(pictureName(picture({ id: 'a', caption: '  Crowd at the rally ' }), 2)).toBe('Picture 2 (“Crowd at the rally”)');
    expect(pictureName(picture({ id: 'a', caption: ' \n ' }), 3)).toBe('Picture 3');
  });

  it('refuses with every standing blocker’s sentence, each capitalised and ending with a full stop', () => {
    const blockers = approvalBlockers({ pictures: [picture({ id: 'a', caption: 'Docks', credit: '' }), picture({ id: 'b', hash: '' })] });
    const message = refusalMessage(blockers);
    expect(message).toBe(`${blockers[0].message} ${blockers[1].message}`);
    for (const blocker of blockers) expect(blocker.message).toMatch(/^Picture \d[^]*\.$/);
  });

  it('warns at submit in the reporter’s terms', () => {
    const [credit, image] = approvalBlockers({ pictures: [picture({ id: 'a', caption: 'Crowd at dawn', credit: '', hash: '' })] });
    expect(submitWarning(credit)).toBe('Picture 1 (“Crowd at dawn”) has no credit. An editor cannot approve the story until it has one.');
    expect(submitWarning(image)).toBe(
      'Picture 1 (“Crowd at dawn”) has no image: it was never attached. Attach it in Pictures, or an editor will have to approve the story without it.',
    );
  });

  it('picturesMissingCredit lists exactly the pictures without a non-blank credit', () => {
    const blank = picture({ id: 'x', credit: ' \t ' });
    expect(picturesMissingCredit([picture({ id: 'ok' }), blank])).toEqual([blank]);
  });
});

describe('a refusal stays readable however many pictures block it', () => {
  it('quotes at most 60 characters of a caption, and names the first ten blockers, then counts the rest', () => {
    const many = Array.from({ length: 1040 }, (_, i) => ({ id: `p${i}`, hash: '', caption: 'c'.repeat(2000), credit: 'AP', copyright: '', alt: '' }));
    const message = refusalMessage(approvalBlockers({ pictures: many }));
    expect(message.length).toBeLessThan(3000);
    expect(message).toContain(`Picture 1 (“${'c'.repeat(59)}…”) has no image`);
    expect(message).toContain('Picture 10 (');
    expect(message).not.toContain('Picture 11 (');
    expect(message).toMatch(/And 1030 more problems like these\.$/);
  });
});
