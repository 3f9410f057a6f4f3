// A story's pictures as the credits index keeps them, and the story list's picture counts.
import { describe, expect, it } from 'vitest';
import type { Picture } from '../../model/article-schema.ts';
import { pictureCounts } from '../../server/articles/article-summary.ts';
import { pictureUses } from '../../server/pictures/picture-uses.ts';

const picture = (fields: Partial<Picture>): Picture => ({ id: 'p', hash: '', caption: '', credit: '', copyright: '', alt: '', ...fields });

describe('pictureUses', () => {
  it('trims captions and credits and keeps only well-formed hashes, in story order', () => {
    const hash = 'c'.repeat(64);
    expect(
      pictureUses([
        picture({ id: 'a', hash, caption: ' Docks ', credit: '  Reuters ' }),
        picture({ id: 'b', hash: '../../etc/passwd', credit: 'AP' }),
        picture({ id: 'c', hash: hash.toUpperCase() }),
      ]),
    ).toEqual([
      { pictureId: 'a', hash, caption: 'Docks', credit: 'Reuters' },
      { pictureId: 'b', hash: '', caption: '', credit: 'AP' },
      { pictureId: 'c', hash: '', caption: '', credit: '' },
    ]);
  });
});

describe('pictureCounts', () => {
  it('counts pictures and those without a (non-blank) credit', () => {
    expect(pictureCounts([])).toEqual({ pictureCount: 0, picturesMissingCredit: 0 });
    expect(pictureCounts([picture({ credit: 'Ann' }), picture({ credit: '  ' }), picture({})])).toEqual({ pictureCount: 3, picturesMissingCredit: 2 });
  });
});
