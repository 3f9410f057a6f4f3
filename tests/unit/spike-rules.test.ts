// Who may spike and restore which story (model/spike.ts): the whole role matrix, for a story with
// and without an approved revision, and the conflicts of spiking twice or restoring what is not spiked.
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../model/roles.ts';
import { checkSpike, maySpike } from '../../model/spike.ts';

/** Whether each role may spike (and restore) a story without / with an approved revision; any rule change must change this table. */
const MATRIX: Record<Role, { draft: boolean; approved: boolean }> = {
  viewer: { draft: false, approved: false },
  commenter: { draft: false, approved: false },
  reporter: { draft: true, approved: false },
  desk: { draft: true, approved: false },
  editor: { draft: true, approved: true },
  admin: { draft: true, approved: false },
};

describe('spike rules', () => {
  const cells = ROLES.flatMap((role) => (['draft', 'approved'] as const).map((kind) => [role, kind, MATRIX[role][kind]] as const));

  it.each(cells)('a %s on a %s story: allowed %s, to spike and to restore alike', (role, kind, allowed) => {
    const approvedRevision = kind === 'approved' ? 3 : null;
    expect(maySpike(role, { approvedRevision })).toBe(allowed);
    const spike = checkSpike('spike', { spiked: false, approvedRevision }, role);
    const restore = checkSpike('unspike', { spiked: true, approvedRevision }, role);
    for (const check of [spike, restore]) {
      if (allowed) expect(check).toEqual({ ok: true });
      else expect(check).toMatchObject({ ok: false, reason: 'forbidden' });
    }
  });

  it('says why in a sentence', () => {
    expect(checkSpike('spike', { spiked: false, approvedRevision: null }, 'viewer')).toEqual({ ok: false, reason: 'forbidden', message: 'A viewer cannot spike stories.' });
    expect(checkSpike('unspike', { spiked: true, approvedRevision: 2 }, 'reporter')).toEqual({
      ok: false,
      reason: 'forbidden',
      message: 'Only an editor can restore an approved story.',
    });
  });

  it('refuses to spike a spiked story or restore one that is not spiked, as a conflict', () => {
    expect(checkSpike('spike', { spiked: true, approvedRevision: null }, 'editor')).toEqual({ ok: false, reason: 'conflict', message: 'This story is already spiked.' });
    expect(checkSpike('unspike', { spiked: false, approvedRevision: null }, 'editor')).toEqual({ ok: false, reason: 'conflict', message: 'This story is not spiked.' });
    // Permission is checked first: a viewer learns nothing about the story's state.
    expect(checkSpike('spike', { spiked: true, approvedRevision: null }, 'viewer')).toMatchObject({ reason: 'forbidden' });
  });
});
