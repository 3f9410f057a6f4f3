// The story list's Words column (renderer/src/lib/words-cell.ts): against the target when set,
// else the limit; marked over past the limit only.
import { describe, expect, it } from 'vitest';
import { wordsCell } from '../../renderer/src/lib/words-cell.ts';

const news = { limit: 600, deskName: 'News' };

describe('wordsCell', () => {
  it('reads against the target, else the limit, else nothing', () => {
    expect(wordsCell(350, 500, news)).toEqual({ text: '350 / 500', over: false, title: 'Target: 500 words. Words: 350 of 600 words' });
    expect(wordsCell(350, null, news)).toMatchObject({ text: '350 / 600', over: false });
    expect(wordsCell(350, 400, null)).toEqual({ text: '350 / 400', over: false, title: 'Target: 400 words' });
    expect(wordsCell(350, null, null)).toEqual({ text: '350', over: false, title: undefined });
  });

  it('is over past the limit, not past the target', () => {
    expect(wordsCell(650, 700, news)).toMatchObject({ over: true, title: "Target: 700 words. Words: 650 words, 50 over the News desk's 600" });
    expect(wordsCell(450, 400, news).over).toBe(false);
  });
});
