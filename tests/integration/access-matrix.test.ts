// The role-and-restriction matrix (issue 13, requirement 4): every role, on the story's desk and
// off it (on another desk), plus the author and a person named on the story, against an open and a
// restricted story (and an unknown id), drive EVERY route the running server lists and the
// websocket; each answer is compared with what model/roles.ts (`can`, `canSee`, `canRestrict`, `canSetDesk`)
// and model/spike.ts say: 404 exactly as for an unknown story where the story may not be seen,
// 403 for a role without the right, the route's success (or its state conflict) otherwise. A route
// without a case here fails the test, so a new route must be added to the table.
import WebSocket from 'ws';
import { describe, expect } from 'vitest';
import type { ArticleListItem } from '../../model/api-types.ts';
import { can, canRestrict, canSee, canSetDesk, type Action } from '../../model/roles.ts';
import { checkSpike, type SpikeStep } from '../../model/spike.ts';
import { it } from '../support/fixtures.ts';
import { openEventStream } from '../support/list-events.ts';
import { uploadPicture } from '../support/picture-api.ts';
import { freshPicture, restrictedNewsroom, unknownStoryBody, type Person, type RestrictedNewsroom, type Story } from '../support/restricted-newsroom.ts';
import type { TestServer } from '../support/test-server.ts';

/** The story a call is about: one of the newsroom's two, or an id of none. */
type Target = { kind: 'open' | 'restricted'; story: Story } | { kind: 'unknown'; id: string };

/** One call of the matrix. */
interface Call {
  s: TestServer;
  n: RestrictedNewsroom;
  who: Person;
  target: Target;
}

/** An answer: status and body text. */
interface Answer {
  status: number;
  text: string;
}

/** How one route (or one way of calling it) is driven and judged. */
interface Case {
  /** Which targets to call it for; story routes take all three, other routes the open story only unless they say. */
  targets?: Target['kind'][];
  /** The statuses the rules allow for this call. */
  expected(c: Call): number[] | Promise<number[]>;
  request(c: Call): Promise<Answer>;
  /** More checks of an answer with an allowed status. */
  check?(c: Call, answer: Answer): void;
}

const ALL_TARGETS: Target['kind'][] = ['open', 'restricted', 'unknown'];
const idOf = (t: Target) => (t.kind === 'unknown' ? t.id : t.story.id);
const seesTarget = (c: Call) => c.target.kind !== 'unknown' && canSee(c.who.viewer, c.target.story.access);
const seesRestricted = (c: Call) => canSee(c.who.viewer, c.n.restricted.access);

async function call(s: TestServer, path: string, token: string, init: { method?: string; json?: unknown; body?: Uint8Array; type?: string } = {}): Promise<Answer> {
  const response = await s.api(path, {
    method: init.method ?? 'GET',
    token,
    json: init.json,
    body: init.body,
    headers: init.type ? { 'content-type': init.type } : {},
  });
  return { status: response.status, text: await response.text() };
}

/** A story route: 404 unless the story is one the caller may see, then 403 without `right`, then `ok`. */
const storyRule =
  (right: (c: Call) => boolean, ok: number[]) =>
  (c: Call): number[] =>
    !seesTarget(c) ? [404] : !right(c) ? [403] : ok;
const role = (action: Action) => (c: Call) => can(c.who.viewer.role, action);
const always = (ok: number[]) => () => ok;
const byRole = (action: Action, ok: number[]) => (c: Call) => (can(c.who.viewer.role, action) ? ok : [403]);

/** A GET of a story route at `suffix` (after /api/articles/ID). */
const storyGet = (suffix: string, ok = [200]): Case => ({
  targets: ALL_TARGETS,
  expected: storyRule(role('read'), ok),
  request: (c) => call(c.s, `/api/articles/${idOf(c.target)}${suffix}`, c.who.token),
});

/** A POST of a story route at `suffix` with `json`. */
const storyPost = (suffix: string, json: unknown, right: (c: Call) => boolean, ok: number[]): Case => ({
  targets: ALL_TARGETS,
  expected: storyRule(right, ok),
  request: (c) => call(c.s, `/api/articles/${idOf(c.target)}${suffix}`, c.who.token, { method: 'POST', json }),
});

/** Spiking or restoring: model/spike.ts decides from the story as it is now. */
const spikeCase = (step: SpikeStep): Case => ({
  targets: ALL_TARGETS,
  async expected(c) {
    if (!seesTarget(c) || c.target.kind === 'unknown') return [404];
    const article = (await c.s.server.store.getArticle(c.target.story.id))!;
    const check = checkSpike(step, article, c.who.viewer.role);
    return [check.ok ? 200 : check.reason === 'forbidden' ? 403 : 409];
  },
  request: (c) => call(c.s, `/api/articles/${idOf(c.target)}/${step}`, c.who.token, { method: 'POST', json: {} }),
});

/** A picture route for the picture of `which` story: 404 (as for an unknown picture) unless its uploader or one who may see a story using it. */
const pictureCase = (suffix: string, which: 'open' | 'restricted'): Case => ({
  expected: (c) => {
    const story = c.n[which];
    return story.access.createdBy === c.who.id || canSee(c.who.viewer, story.access) ? [200] : [404];
  },
  request: (c) => call(c.s, `/api/pictures/${c.n[which].picture}${suffix}`, c.who.token),
  check: (c, answer) => {
    if (answer.status === 404) expect(JSON.parse(answer.text)).toEqual({ error: `picture ${c.n[which].picture} not found` });
  },
});

/** The list holds the restricted story exactly for those who may see it (spiked or not). */
const listedCase = (query: string): Case => ({
  expected: always([200]),
  request: (c) => call(c.s, `/api/articles${query}`, c.who.token),
  check: (c, answer) => {
    // Which list a story is in (spiked or not, on the first page or not): the union is checked after the matrix.
    for (const { id } of JSON.parse(answer.text) as ArticleListItem[]) listings.add(`${c.who.name} ${id}`);
    if (!seesRestricted(c)) expect(answer.text).not.toContain(c.n.restricted.id);
  },
});
const listings = new Set<string>();

/** Credits, JSON or CSV: the restricted story's credit and headline only for who may see it. */
const creditsCase = (format: 'json' | 'csv'): Case => ({
  expected: always([200]),
  request: (c) => call(c.s, `/api/credits?format=${format}`, c.who.token),
  check: (c, answer) => {
    expect(answer.text).toContain(c.n.open.credit);
    for (const secret of [c.n.restricted.credit, c.n.restricted.headline, c.n.restricted.id]) {
      if (seesRestricted(c)) expect(answer.text).toContain(secret);
      else expect(answer.text).not.toContain(secret);
    }
  },
});

/** Opens the websocket of `id` with `query` (token= or ticket=): 101 when it opened (then closed), else the refusal. */
function upgrade(s: TestServer, id: string, query: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${s.wsUrl}/${encodeURIComponent(id)}?${query}`);
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, text: '' });
    });
    ws.on('error', (error) => reject(error));
  });
}
const socketRefusal = (c: Call, answer: Answer) => {
  if (answer.status === 404) expect(JSON.parse(answer.text)).toEqual(unknownStoryBody(idOf(c.target)));
};

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;
/** `text` with each digit spelled as a letter and hyphens kept: a dictionary word. */
const lettersOnly = (text: string) => text.replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]);

/** Every route, by `METHOD path` as `server.routes` lists it, and the websocket. */
const CASES: Record<string, Case[]> = {
  'POST /api/session': [{ expected: always([200]), request: (c) => call(c.s, '/api/session', '', { method: 'POST', json: { username: c.who.name, password: 'password1' } }) }],
  // Setup links are public and name no story: a link that does not work is 404 for anyone, signed in or not.
  'GET /api/setup/:token': [{ expected: always([404, 429]), request: (c) => call(c.s, '/api/setup/not-a-link', c.who.token) }],
  // Wrong links are counted per address: after a few, 429.
  'POST /api/setup': [{ expected: always([404, 429]), request: (c) => call(c.s, '/api/setup', '', { method: 'POST', json: { token: 'not-a-link', password: 'a long new password' } }) }],
  'GET /api/session': [{ expected: always([200]), request: (c) => call(c.s, '/api/session', c.who.token) }],
  // Signing out a second session of the person (their main token stays).
  'DELETE /api/session': [{ expected: always([204]), request: async (c) => call(c.s, '/api/session', await c.s.signIn(c.who.name), { method: 'DELETE' }) }],
  // A ticket names any id alike (the socket is where the story is checked).
  'POST /api/tickets': [{ targets: ALL_TARGETS, expected: always([201]), request: (c) => call(c.s, '/api/tickets', c.who.token, { method: 'POST', json: { articleId: idOf(c.target) } }) }],
  'GET /api/articles': [listedCase(''), listedCase('?spiked=only'), listedCase('?limit=1')],
  'POST /api/articles': [
    { expected: byRole('createArticle', [201]), request: (c) => call(c.s, '/api/articles', c.who.token, { method: 'POST', json: { headline: 'New' } }) },
    // The id of an existing story: it back when the caller may see it, else as for any story they may not.
    {
      targets: ['open', 'restricted'],
      expected: (c) => (!can(c.who.viewer.role, 'createArticle') ? [403] : seesTarget(c) ? [200] : [404]),
      request: (c) => call(c.s, '/api/articles', c.who.token, { method: 'POST', json: { id: idOf(c.target) } }),
      check: socketRefusal,
    },
  ],
  'GET /api/articles/:id': [storyGet('')],
  'GET /api/articles/:id/content': ['live', 'approved', '1'].map((rev) => storyGet(`/content?rev=${rev}`)),
  'GET /api/articles/:id/export': ['text', 'html', 'ninjs'].flatMap((format) => ['live', 'approved', '1'].map((rev) => storyGet(`/export?format=${format}&rev=${rev}`))),
  'GET /api/events': [
    {
      expected: always([200]),
      request: async (c) => {
        const stream = await openEventStream(c.s.url, c.who.token);
        stream.close();
        return { status: stream.status, text: '' };
      },
    },
  ],
  'GET /api/articles/:id/revisions': [storyGet('/revisions')],
  'POST /api/articles/:id/revisions': [storyPost('/revisions', { note: 'matrix' }, role('snapshotRevision'), [201])],
  'POST /api/articles/:id/revisions/:rev/submit': [storyPost('/revisions/1/submit', {}, role('submit'), [200])],
  'POST /api/articles/:id/revisions/:rev/approve': [storyPost('/revisions/1/approve', {}, role('approve'), [200, 409])],
  'POST /api/articles/:id/revisions/:rev/reject': [storyPost('/revisions/1/reject', { note: 'Check the figures.' }, role('reject'), [200, 409])],
  'GET /api/articles/:id/revisions/:rev/blockers': [storyGet('/revisions/1/blockers')],
  'POST /api/articles/:id/revisions/:rev/restore': [storyPost('/revisions/1/restore', {}, role('restore'), [200])],
  'GET /api/articles/:id/diff': [storyGet('/diff?from=1&to=live'), storyGet('/diff?from=0&to=approved')],
  // Lifting what is not there changes nothing but is a release decision all the same; a killed story (after the kill case) is 409.
  'PUT /api/articles/:id/release': [
    {
      targets: ALL_TARGETS,
      expected: storyRule(role('release'), [200, 409]),
      request: (c) => call(c.s, `/api/articles/${idOf(c.target)}/release`, c.who.token, { method: 'PUT', json: { embargoUntil: null, hold: null } }),
    },
  ],
  // A kill is for good: the first editor's kills, the next ones are 409.
  'POST /api/articles/:id/kill': [storyPost('/kill', { note: 'matrix' }, role('kill'), [200, 409])],
  'POST /api/articles/:id/spike': [spikeCase('spike')],
  'POST /api/articles/:id/unspike': [spikeCase('unspike')],
  // Reopened once an approval stands (200), refused while none does or it is already reopened (409).
  'POST /api/articles/:id/reopen': [storyPost('/reopen', { as: 'correction', note: 'Matrix correction.' }, role('approve'), [200, 409])],
  'POST /api/pictures': [
    {
      expected: byRole('edit', [201]),
      request: async (c) => {
        const response = await uploadPicture(c.s, c.who.token, await freshPicture());
        return { status: response.status, text: await response.text() };
      },
    },
  ],
  'GET /api/pictures/:hash': [pictureCase('', 'open'), pictureCase('', 'restricted')],
  'GET /api/pictures/:hash/preview': [pictureCase('/preview', 'open'), pictureCase('/preview', 'restricted')],
  'GET /api/credits': [creditsCase('json'), creditsCase('csv')],
  'GET /api/users': [{ expected: byRole('manageUsers', [200]), request: (c) => call(c.s, '/api/users', c.who.token) }],
  'POST /api/users': [
    {
      expected: byRole('manageUsers', [201]),
      request: (c) => call(c.s, '/api/users', c.who.token, { method: 'POST', json: { username: unique('added'), role: 'viewer', password: 'password1' } }),
    },
  ],
  'PATCH /api/users/:username': [
    { expected: byRole('manageUsers', [200]), request: (c) => call(c.s, '/api/users/dummy', c.who.token, { method: 'PATCH', json: { displayName: unique('Dummy') } }) },
  ],
  'POST /api/users/:username/password-reset': [
    { expected: byRole('manageUsers', [200]), request: (c) => call(c.s, '/api/users/dummy/password-reset', c.who.token, { method: 'POST', json: {} }) },
  ],
  'DELETE /api/users/:username/sessions': [
    { expected: byRole('manageUsers', [200]), request: (c) => call(c.s, '/api/users/dummy/sessions', c.who.token, { method: 'DELETE' }) },
    // Anyone for themself (their main token goes with the rest: they sign in again).
    {
      expected: always([200]),
      request: async (c) => {
        const answer = await call(c.s, `/api/users/${c.who.name}/sessions`, c.who.token, { method: 'DELETE' });
        c.who.token = await c.s.signIn(c.who.name);
        return answer;
      },
    },
  ],
  'POST /api/session/password': [
    { expected: always([204]), request: (c) => call(c.s, '/api/session/password', c.who.token, { method: 'POST', json: { current: 'password1', next: 'password1' } }) },
  ],
  'GET /api/desks': [{ expected: always([200]), request: (c) => call(c.s, '/api/desks', c.who.token) }],
  'POST /api/desks': [{ expected: byRole('manageDesks', [201]), request: (c) => call(c.s, '/api/desks', c.who.token, { method: 'POST', json: { name: unique('Desk') } }) }],
  'PATCH /api/desks/:id': [
    { expected: byRole('manageDesks', [200]), request: (c) => call(c.s, `/api/desks/${dummyDesk}`, c.who.token, { method: 'PATCH', json: { name: unique('Renamed') } }) },
  ],
  // The newsroom dictionary: read by all, changed by the desk, editors and admins (a word of letters each time: counters are digits).
  'GET /api/dictionary': [{ expected: always([200]), request: (c) => call(c.s, '/api/dictionary', c.who.token) }],
  'POST /api/dictionary': [
    { expected: byRole('manageDictionary', [201]), request: (c) => call(c.s, '/api/dictionary', c.who.token, { method: 'POST', json: { word: lettersOnly(unique('Word')) } }) },
  ],
  'DELETE /api/dictionary/:word': [
    // A word never added: 404 for who may change the dictionary, 403 for everyone else.
    { expected: byRole('manageDictionary', [404]), request: (c) => call(c.s, '/api/dictionary/Nowhereland', c.who.token, { method: 'DELETE' }) },
  ],
  // The same restriction again (nothing changes, an audited naming of the same people), and the same desk again.
  'PATCH /api/articles/:id': [
    {
      targets: ALL_TARGETS,
      expected: (c) => (!seesTarget(c) || c.target.kind === 'unknown' ? [404] : canRestrict(c.who.viewer, c.target.story.access) ? [200] : [403]),
      request: (c) => call(c.s, `/api/articles/${idOf(c.target)}`, c.who.token, { method: 'PATCH', json: { restricted: c.target.kind === 'restricted' } }),
    },
    {
      targets: ALL_TARGETS,
      expected: storyRule((c) => c.target.kind !== 'unknown' && canSetDesk(c.who.viewer, c.target.story.access), [200]),
      request: (c) => call(c.s, `/api/articles/${idOf(c.target)}`, c.who.token, { method: 'PATCH', json: { desk: c.n.metro } }),
    },
  ],
  // The websocket, with the session token (programs) and with a ticket (the app).
  'WS /collab/:id': [
    { targets: ALL_TARGETS, expected: storyRule(role('read'), [101]), request: (c) => upgrade(c.s, idOf(c.target), `token=${c.who.token}`), check: socketRefusal },
    {
      targets: ALL_TARGETS,
      expected: storyRule(role('read'), [101]),
      request: async (c) => {
        const { ticket } = JSON.parse((await call(c.s, '/api/tickets', c.who.token, { method: 'POST', json: { articleId: idOf(c.target) } })).text) as { ticket: string };
        return upgrade(c.s, idOf(c.target), `ticket=${encodeURIComponent(ticket)}`);
      },
      check: socketRefusal,
    },
  ],
};
let dummyDesk = '';

describe('the role-and-restriction matrix', () => {
  it('answers every route and the websocket for every role, in and out of the desk, as model/roles.ts says', async ({ startServer, connect }) => {
    const started = performance.now();
    const s = await startServer({ rooms: { summaryAfterMs: 20 }, quotas: { revisionBurst: 10_000 }, collab: { articleOpensPerMinute: 10_000 } });
    const n = await restrictedNewsroom(s, connect);
    await s.user('dummy', 'viewer');
    dummyDesk = (await s.server.store.addDesk({ name: 'Dummy', createdAt: Date.now() }, { userId: null })).id;

    // The table covers every route the server has, and no route it does not.
    const routes = s.server.routes.map((r) => `${r.method} ${r.path}`);
    expect(routes.filter((r) => !(r in CASES)), 'routes without a case in the matrix').toEqual([]);
    expect(Object.keys(CASES).filter((k) => !routes.includes(k) && !k.startsWith('WS ')), 'cases of routes the server does not have').toEqual([]);
    // Every story route is checked by the router before its handler.
    for (const route of s.server.routes) expect(route.isArticle, route.path).toBe(route.path.startsWith('/api/articles/:id'));

    const escapes: string[] = [];
    let calls = 0;
    for (const [route, cases] of Object.entries(CASES)) {
      for (const [i, routeCase] of cases.entries()) {
        for (const kind of routeCase.targets ?? ['open']) {
          const target: Target = kind === 'unknown' ? { kind, id: n.unknownId } : { kind, story: n[kind] };
          for (const who of n.people) {
            const c: Call = { s, n, who, target };
            const allowed = await routeCase.expected(c);
            const answer = await routeCase.request(c);
            calls++;
            const where = `${route} #${i}${routeCase.targets ? ` on the ${kind} story` : ''} as ${who.name}`;
            if (!allowed.includes(answer.status)) {
              escapes.push(`${where}: ${answer.status} (expected ${allowed.join(' or ')}) ${answer.text.slice(0, 160)}`);
              continue;
            }
            // A story the caller may not see is answered exactly as one that does not exist.
            if (answer.status === 404 && route.includes(':id') && !route.startsWith('WS')) expect(JSON.parse(answer.text), where).toEqual(unknownStoryBody(idOf(target)));
            try {
              routeCase.check?.(c, answer);
            } catch (error) {
              escapes.push(`${where}: ${(error as Error).message.split('\n')[0]}`);
            }
          }
        }
      }
    }
    // The restricted story was in a list of exactly those who may see it; the open one in everyone's.
    for (const who of n.people) {
      if (listings.has(`${who.name} ${n.restricted.id}`) !== canSee(who.viewer, n.restricted.access)) escapes.push(`the story list of ${who.name} and the restricted story`);
      if (!listings.has(`${who.name} ${n.open.id}`)) escapes.push(`the story list of ${who.name} lacks the open story`);
    }
    expect(escapes).toEqual([]);
    console.info(`access matrix: ${calls} calls, ${Math.round(performance.now() - started)} ms`);
  });
});
