// Roles and the workflow rules: the full permission matrix, and submit / approve / reject for
// every role, with the credit and image checks on approval (and the explicit approval without
// images), the note and revision checks on rejection, and refusals that read as sentences.
import { describe, expect, it } from 'vitest';
import type { Picture } from '../../model/article-schema.ts';
import { can, isRole, ROLES, type Action, type Role } from '../../model/roles.ts';
import { applyTransition, INITIAL_WORKFLOW, picturesMissingCredit, STATUSES, type WorkflowState } from '../../model/workflow.ts';

const ACTIONS = ['read', 'comment', 'edit', 'createArticle', 'snapshotRevision', 'submit', 'approve', 'reject', 'restore', 'manageUsers', 'manageDesks', 'setDesk', 'restrict', 'release', 'kill', 'manageDictionary'] as const satisfies readonly Action[];
// Fails to compile when an action is added to model/roles.ts without being added here.
const everyActionListed: [Exclude<Action, (typeof ACTIONS)[number]>] extends [never] ? true : false = true;

/** The whole matrix, spelled out: any change to model/roles.ts must change this table too. */
const ALLOWED: Record<Role, readonly Action[]> = {
  viewer: ['read'],
  commenter: ['read', 'comment'],
  reporter: ['read', 'comment', 'edit', 'createArticle', 'snapshotRevision', 'submit', 'restore', 'setDesk'],
  desk: ['read', 'comment', 'edit', 'createArticle', 'snapshotRevision', 'submit', 'restore', 'setDesk', 'release', 'manageDictionary'],
  editor: ['read', 'comment', 'edit', 'createArticle', 'snapshotRevision', 'submit', 'approve', 'reject', 'restore', 'setDesk', 'restrict', 'release', 'kill', 'manageDictionary'],
  admin: ['read', 'comment', 'edit', 'createArticle', 'snapshotRevision', 'restore', 'manageUsers', 'manageDesks', 'setDesk', 'restrict', 'manageDictionary'],
};

describe('roles', () => {
  it('has exactly the six documented roles, least to most specialised', () => {
    expect(everyActionListed).toBe(true);
    expect([...ROLES]).toEqual(['viewer', 'commenter', 'reporter', 'desk', 'editor', 'admin']);
    expect(Object.keys(ALLOWED).sort()).toEqual([...ROLES].sort());
  });

  const cells = ROLES.flatMap((role) => ACTIONS.map((action) => [role, action, ALLOWED[role].includes(action)] as const));
  it.each(cells)('can(%s, %s) is %s', (role, action, allowed) => {
    expect(can(role, action)).toBe(allowed);
  });

  it('isRole accepts the roles and nothing else', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const other of ['', 'Editor', 'EDITOR', 'wizard', 'root', ' editor', 'editor ', 'constructor', 'toString', null, undefined, 3, {}, ['editor']]) {
      expect(isRole(other), JSON.stringify(other)).toBe(false);
    }
  });
});

const picture = (fields: Partial<Picture> & { id: string }): Picture => ({ hash: '', caption: '', credit: '', copyright: '', alt: '', ...fields });
const HASH = 'a'.repeat(64);
const credited = picture({ id: 'p-ok', caption: 'Crowd outside', credit: 'Gage Skidmore', hash: HASH });

/** A refusal reads as sentences: capitalised, ending with a full stop, naming what to do. */
const expectSentences = (message: string) => {
  expect(message).toMatch(/^[A-Z]/);
  expect(message).toMatch(/\.$/);
};

const submitted = (revision: number, approvedRevision: number | null = null): WorkflowState => ({
  status: 'submitted',
  submittedRevision: revision,
  approvedRevision,
});

describe('applyTransition: submit', () => {
  it('starts from a draft with nothing submitted or approved', () => {
    expect(INITIAL_WORKFLOW).toEqual({ status: 'draft', submittedRevision: null, approvedRevision: null });
    expect([...STATUSES]).toEqual(['draft', 'submitted', 'approved']);
  });

  it.each(['reporter', 'desk', 'editor'] as const)('a %s can submit a revision', (role) => {
    const result = applyTransition(INITIAL_WORKFLOW, { kind: 'submit', revision: 3 }, role);
    expect(result).toEqual({ ok: true, state: { status: 'submitted', submittedRevision: 3, approvedRevision: null } });
  });

  it.each(['viewer', 'admin'] as const)('a %s cannot submit', (role) => {
    const result = applyTransition(INITIAL_WORKFLOW, { kind: 'submit', revision: 3 }, role);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('forbidden');
      expect(result.message).toBe(`A ${role} cannot submit stories. Ask a reporter, the desk or an editor to submit it.`);
    }
  });

  it('keeps the approved revision when a newer one is submitted', () => {
    const approved: WorkflowState = { status: 'approved', submittedRevision: null, approvedRevision: 2 };
    expect(applyTransition(approved, { kind: 'submit', revision: 5 }, 'reporter')).toEqual({
      ok: true,
      state: { status: 'submitted', submittedRevision: 5, approvedRevision: 2 },
    });
  });

  it('does not change the state it was given', () => {
    const state = { ...INITIAL_WORKFLOW };
    applyTransition(state, { kind: 'submit', revision: 1 }, 'reporter');
    expect(state).toEqual(INITIAL_WORKFLOW);
  });
});

describe('applyTransition: approve', () => {
  it('an editor approves: the revision becomes the approved one and nothing stays submitted', () => {
    const result = applyTransition(submitted(4, 1), { kind: 'approve', revision: 4, pictures: [credited] }, 'editor');
    expect(result).toEqual({ ok: true, state: { status: 'approved', approvedRevision: 4, submittedRevision: null } });
  });

  it('approving an older revision keeps a newer one awaiting review in the queue', () => {
    const result = applyTransition(submitted(5, 1), { kind: 'approve', revision: 3, pictures: [] }, 'editor');
    expect(result).toEqual({ ok: true, state: { status: 'submitted', approvedRevision: 3, submittedRevision: 5 } });
  });

  it('approving a revision newer than the one awaiting review settles that one too', () => {
    const result = applyTransition(submitted(2), { kind: 'approve', revision: 4, pictures: [] }, 'editor');
    expect(result).toEqual({ ok: true, state: { status: 'approved', approvedRevision: 4, submittedRevision: null } });
  });

  it('an editor may approve a revision nobody submitted, even one older than the approved one', () => {
    const approved: WorkflowState = { status: 'approved', submittedRevision: null, approvedRevision: 6 };
    expect(applyTransition(approved, { kind: 'approve', revision: 2, pictures: [] }, 'editor')).toEqual({
      ok: true,
      state: { status: 'approved', approvedRevision: 2, submittedRevision: null },
    });
  });

  it('an editor approves a story without pictures', () => {
    expect(applyTransition(submitted(1), { kind: 'approve', revision: 1, pictures: [] }, 'editor').ok).toBe(true);
  });

  it.each(['viewer', 'reporter', 'desk', 'admin'] as const)('a %s cannot approve (forbidden, before any credit check)', (role) => {
    const result = applyTransition(submitted(4), { kind: 'approve', revision: 4, pictures: [picture({ id: 'p1' })] }, role);
    expect(result).toMatchObject({ ok: false, reason: 'forbidden' });
    if (!result.ok) expect(result.message).toBe(`Only an editor can approve a story, and a ${role} is not one. Ask an editor to review it.`);
  });

  it('is blocked (conflict) by a picture with an empty credit, naming it by caption', () => {
    const result = applyTransition(
      submitted(4),
      { kind: 'approve', revision: 4, pictures: [credited, picture({ id: 'p-2', caption: '  Mayor at the podium ', credit: '', hash: HASH })] },
      'editor',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('conflict');
      expect(result.message).toBe('Picture 2 (“Mayor at the podium”) has no credit. Add one in Pictures and submit the story again, then approve.');
      expect(result.message).not.toContain('Crowd outside');
    }
  });

  it('is blocked by a whitespace-only credit, naming an uncaptioned picture by its place', () => {
    const result = applyTransition(
      submitted(4),
      { kind: 'approve', revision: 4, pictures: [credited, picture({ id: 'pic-7f3a', caption: '   ', credit: ' \t\n ', hash: HASH })] },
      'editor',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('conflict');
      expect(result.message).toBe('Picture 2 has no credit. Add one in Pictures and submit the story again, then approve.');
    }
  });

  it('is blocked (conflict) by a picture whose image was never attached, unless the editor explicitly approves without it', () => {
    const imported = picture({ id: 'p-imported', caption: 'Putin in 2021', credit: 'Gage Skidmore' });
    const refused = applyTransition(submitted(4), { kind: 'approve', revision: 4, pictures: [credited, imported] }, 'editor');
    expect(refused).toEqual({
      ok: false,
      reason: 'conflict',
      message: 'Picture 2 (“Putin in 2021”) has no image: it was never attached. Attach it in Pictures and submit the story again, or approve without the missing images.',
    });
    expect(applyTransition(submitted(4), { kind: 'approve', revision: 4, pictures: [credited, imported], allowMissingImages: false }, 'editor').ok).toBe(false);
    expect(applyTransition(submitted(4), { kind: 'approve', revision: 4, pictures: [credited, imported], allowMissingImages: true }, 'editor')).toEqual({
      ok: true,
      state: { status: 'approved', approvedRevision: 4, submittedRevision: null },
    });
  });

  it('approving without the missing images does not set a missing credit aside', () => {
    const result = applyTransition(
      submitted(4),
      { kind: 'approve', revision: 4, pictures: [picture({ id: 'p-bare', caption: 'Crowd at the rally' })], allowMissingImages: true },
      'editor',
    );
    expect(result).toEqual({
      ok: false,
      reason: 'conflict',
      message: 'Picture 1 (“Crowd at the rally”) has no credit. Add one in Pictures and submit the story again, then approve.',
    });
  });

  it('names every picture that lacks a credit', () => {
    const result = applyTransition(
      submitted(4),
      { kind: 'approve', revision: 4, pictures: [picture({ id: 'a', caption: 'First', hash: HASH }), credited, picture({ id: 'b', caption: 'Second', credit: ' ' })] },
      'editor',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toBe(
        'Picture 1 (“First”) has no credit. Add one in Pictures and submit the story again, then approve. ' +
          'Picture 3 (“Second”) has no credit. Add one in Pictures and submit the story again, then approve. ' +
          'Picture 3 (“Second”) has no image: it was never attached. Attach it in Pictures and submit the story again, or approve without the missing images.',
      );
    }
  });

  it('picturesMissingCredit lists exactly the pictures without a non-blank credit', () => {
    const blank = picture({ id: 'x', credit: '  ' });
    const empty = picture({ id: 'y' });
    expect(picturesMissingCredit([credited, blank, empty, picture({ id: 'z', credit: 'AP' })])).toEqual([blank, empty]);
    expect(picturesMissingCredit([])).toEqual([]);
  });
});

describe('applyTransition: reject', () => {
  it('an editor sends the submitted revision back with a note: draft again, the approved revision kept', () => {
    const result = applyTransition(submitted(6, 2), { kind: 'reject', revision: 6, note: 'Check the figures' }, 'editor');
    expect(result).toEqual({ ok: true, state: { status: 'draft', submittedRevision: null, approvedRevision: 2 } });
  });

  it.each(['viewer', 'reporter', 'desk', 'admin'] as const)('a %s cannot send a story back', (role) => {
    expect(applyTransition(submitted(6), { kind: 'reject', revision: 6, note: 'No' }, role)).toEqual({
      ok: false,
      reason: 'forbidden',
      message: `Only an editor can send a story back, and a ${role} is not one. Ask an editor to review it.`,
    });
  });

  it.each(['', '   ', '\n\t'])('needs a note (refuses %j as invalid)', (note) => {
    const result = applyTransition(submitted(6), { kind: 'reject', revision: 6, note }, 'editor');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('invalid');
      expect(result.message).toBe('A note is required to send a story back. Say what the author should change.');
    }
  });

  it('needs the revision that is awaiting approval (conflict otherwise)', () => {
    const other = applyTransition(submitted(6), { kind: 'reject', revision: 5, note: 'Fix it' }, 'editor');
    expect(other).toEqual({
      ok: false,
      reason: 'conflict',
      message: 'Revision 5 is not awaiting approval, so it cannot be sent back. Revision 6 is the one awaiting approval: reload the story to see where it stands.',
    });
    expect(applyTransition(INITIAL_WORKFLOW, { kind: 'reject', revision: 1, note: 'Fix it' }, 'editor')).toEqual({
      ok: false,
      reason: 'conflict',
      message: 'Revision 1 is not awaiting approval, so it cannot be sent back. No revision is awaiting approval: reload the story to see where it stands.',
    });
    const approved: WorkflowState = { status: 'approved', submittedRevision: null, approvedRevision: 6 };
    expect(applyTransition(approved, { kind: 'reject', revision: 6, note: 'Fix it' }, 'editor')).toMatchObject({ ok: false, reason: 'conflict' });
  });
});

describe('refusals read as sentences', () => {
  const refusals = [
    applyTransition(INITIAL_WORKFLOW, { kind: 'submit', revision: 1 }, 'viewer'),
    applyTransition(submitted(1), { kind: 'approve', revision: 1, pictures: [] }, 'reporter'),
    applyTransition(submitted(1), { kind: 'approve', revision: 1, pictures: [picture({ id: 'p' })] }, 'editor'),
    applyTransition(submitted(1), { kind: 'reject', revision: 1, note: '' }, 'editor'),
    applyTransition(submitted(1), { kind: 'reject', revision: 1, note: 'x' }, 'desk'),
    applyTransition(submitted(2), { kind: 'reject', revision: 1, note: 'x' }, 'editor'),
  ];
  it.each(refusals.map((r, i) => [i, r] as const))('refusal %i is capitalised and ends with a full stop', (_i, result) => {
    expect(result.ok).toBe(false);
    if (!result.ok) expectSentences(result.message);
  });
});
