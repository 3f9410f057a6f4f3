// A newsroom with a restricted story, for the tests of issue 13 (restricted stories and the
// role-and-restriction matrix): desks Metro and Sport; a person of every role on each (Metro's
// are the story's desk, Sport's are outsiders); its author (a reporter on no desk) and a viewer
// named on it. Two stories on Metro by the author, each with one credited picture of its own,
// revision 1 approved: `open`, and `restricted` (to Metro and the named viewer).
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { addPicture } from '../../model/article-schema.ts';
import { ROLES, type ArticleAccess, type Role, type Viewer } from '../../model/roles.ts';
import type { TestClient } from './clients.ts';
import { fixtureImage } from './fixture-images.ts';
import { uploaded } from './picture-api.ts';
import { revisionApi } from './revision-api.ts';
import type { TestServer } from './test-server.ts';

/** Someone signed in: their token (kept current by whoever changes it) and who they are to the rules. */
export interface Person {
  name: string;
  token: string;
  id: string;
  viewer: Viewer;
}

/** One of the two stories, with what the rules need to know of it. */
export interface Story {
  id: string;
  headline: string;
  credit: string;
  /** The hash of the picture only this story uses. */
  picture: string;
  access: ArticleAccess;
}

/** The newsroom the tests start from. */
export interface RestrictedNewsroom {
  metro: string;
  sport: string;
  /** `ROLE-in` (on Metro) and `ROLE-out` (on Sport) for every role, then `author` and `named`. */
  people: Person[];
  person(name: string): Person;
  open: Story;
  restricted: Story;
  /** A well-formed id of no story. */
  unknownId: string;
}

// A picture as small as will do, different for every `seed`.
let seeds = 1;
/** A JPEG no other test upload has. */
export const freshPicture = () => fixtureImage('jpeg', { width: 48, height: 32, seed: seeds++ });

/**
 * Builds the newsroom on `s` (start it with a short `rooms.summaryAfterMs`): `connect` opens a
 * stock client (the test's fixture, closed after it).
 */
export async function restrictedNewsroom(s: TestServer, connect: (wsUrl: string, id: string, token: string) => TestClient): Promise<RestrictedNewsroom> {
  const { store } = s.server;
  const metro = (await store.addDesk({ name: 'Metro', createdAt: Date.now() }, { userId: null })).id;
  const sport = (await store.addDesk({ name: 'Sport', createdAt: Date.now() }, { userId: null })).id;
  const people: Person[] = [];
  const add = async (name: string, role: Role, desks: string[]) => {
    const { token, id } = await s.user(name, role);
    if (desks.length > 0) await store.changeAccount(id, { desks }, Date.now(), { userId: null });
    people.push({ name, token, id, viewer: { id, username: name, role, desks } });
  };
  for (const role of ROLES) {
    await add(`${role}-in`, role, [metro]);
    await add(`${role}-out`, role, [sport]);
  }
  await add('author', 'reporter', []);
  await add('named', 'viewer', []);
  const person = (name: string) => people.find((p) => p.name === name)!;
  const author = person('author');
  const api = revisionApi(s);

  const story = async (headline: string, credit: string): Promise<Story> => {
    const id = await s.createArticle(author.token, { headline });
    expect((await s.api(`/api/articles/${id}`, { method: 'PATCH', token: author.token, json: { desk: metro } })).status).toBe(200);
    const { hash } = await uploaded(s, author.token, await freshPicture());
    const client = connect(s.wsUrl, id, author.token);
    await client.synced;
    addPicture(client.doc, { id: 'p1', caption: `${headline}, the scene`, credit, hash });
    await expect.poll(async () => (await store.getArticle(id))?.pictureCount, { timeout: 10_000 }).toBe(1);
    client.destroy();
    await api.snapshot(author.token, id, 'first');
    await api.step(author.token, id, 1, 'submit');
    await api.step(person('editor-in').token, id, 1, 'approve');
    return { id, headline, credit, picture: hash, access: { createdBy: author.id, deskId: metro, restricted: false, people: [] } };
  };
  const open = await story('Council vote tonight', 'Open Credit');
  const restricted = await story('Secret inquiry into the port', 'Secret Credit');
  const patched = await s.api(`/api/articles/${restricted.id}`, { method: 'PATCH', token: author.token, json: { restricted: true, people: ['named'] } });
  expect(patched.status, await patched.clone().text()).toBe(200);
  expect(await patched.json()).toMatchObject({ restricted: true, people: ['named'] });
  restricted.access = { ...restricted.access, restricted: true, people: ['named'] };
  return { metro, sport, people, person, open, restricted, unknownId: randomUUID() };
}

/** What the server answers for a story it does not know, or one the caller may not know exists. */
export const unknownStoryBody = (id: string) => ({ error: `story ${id} not found` });
