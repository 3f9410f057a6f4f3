// The credits report, built from the credits index (Store.listCreditUses): credits grouped
// case-insensitively under their most common spelling, each with the pictures and stories using it.
//
// Which uses count: those in a story's live draft AND those in its approved revision. The draft
// is the newsroom's work; the approved revision is what may be published, so a credit dropped
// from the draft after approval is still listed (the picture may already be out there).
// `approved` is true only where the approved revision itself carries the credit: a credit that
// is only in the live draft of an approved story is listed with approved: false until a revision
// carrying it is approved.
import type { CreditReport } from '../../model/api-types.ts';
import type { Status } from '../../model/workflow.ts';
import type { CreditUse } from '../storage/store.ts';

/** One picture under a credit; `approved` when the story's approved revision has it with this credit. */
export interface CreditedUse {
  articleId: string;
  headline: string;
  status: Status;
  pictureId: string;
  hash: string;
  caption: string;
  approved: boolean;
}

/** A credit as shown (its most common spelling) and its uses, story by story. */
export interface CreditGroup {
  credit: string;
  uses: CreditedUse[];
}

/** What two spellings of one credit have in common: case and runs of white space do not count. */
export const creditKey = (credit: string) => credit.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

// The most frequent spelling; a tie goes to the one that sorts first, so the answer never flips.
function mostCommon(spellings: Map<string, number>): string {
  return [...spellings].sort(([a, n], [b, m]) => m - n || (a < b ? -1 : a > b ? 1 : 0))[0][0];
}

/**
 * Groups the credited uses, keeping only credits that contain `query` (case-insensitively; all
 * when it is blank). A picture in both the draft and the approved revision is one use, with the
 * draft's caption; a picture whose image changed since approval is two (they are two photos).
 * Credits are sorted alphabetically, uses keep the index's order (most recently changed story first).
 */
export function groupCredits(uses: CreditUse[], query = ''): CreditGroup[] {
  const wanted = creditKey(query);
  const groups = new Map<string, { spellings: Map<string, number>; uses: Map<string, CreditedUse> }>();
  for (const use of uses) {
    const key = creditKey(use.credit);
    if (key === '' || !key.includes(wanted)) continue;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { spellings: new Map(), uses: new Map() }));
    group.spellings.set(use.credit, (group.spellings.get(use.credit) ?? 0) + 1);
    const id = JSON.stringify([use.articleId, use.pictureId, use.hash]);
    const { articleId, headline, status, pictureId, hash, caption } = use;
    const merged = group.uses.get(id) ?? { articleId, headline, status, pictureId, hash, caption, approved: false };
    if (use.version === 'draft') merged.caption = caption;
    else merged.approved = true;
    group.uses.set(id, merged);
  }
  return [...groups.values()]
    .map((group) => ({ credit: mostCommon(group.spellings), uses: [...group.uses.values()] }))
    .sort((a, b) => a.credit.localeCompare(b.credit, undefined, { sensitivity: 'base' }) || (a.credit < b.credit ? -1 : 1));
}

/** The JSON report: per credit, its pictures and its stories (approved when any of its uses there is). */
export function creditReports(groups: CreditGroup[]): CreditReport[] {
  return groups.map(({ credit, uses }) => {
    const articles = new Map<string, CreditReport['articles'][number]>();
    for (const use of uses) {
      const article = articles.get(use.articleId) ?? { id: use.articleId, headline: use.headline, status: use.status, approved: false };
      article.approved ||= use.approved;
      articles.set(use.articleId, article);
    }
    return {
      credit,
      pictures: uses.map(({ articleId, pictureId, hash, caption }) => ({ articleId, pictureId, hash, caption })),
      articles: [...articles.values()],
    };
  });
}
