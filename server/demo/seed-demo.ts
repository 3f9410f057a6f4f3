// `--demo`: on an empty data dir, adds demo users (one per role) and a sample story, and
// returns their logins for the start-up message.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as Y from 'yjs';
import { META_KEYS, metaMap, readPictures } from '../../model/article-schema.ts';
import { importStoryIntoDoc, parseStoryText } from '../../model/text-import.ts';
import type { Role } from '../../model/roles.ts';
import type { Accounts } from '../auth/accounts.ts';
import { summarize } from '../articles/article-summary.ts';
import { pictureUses } from '../pictures/picture-uses.ts';
import type { Store } from '../storage/store.ts';

/** The demo password of every demo user. */
export const DEMO_PASSWORD = 'newsroom';

/** Demo users, one or more per role. */
export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'ana', displayName: 'Ana Reyes', role: 'reporter' },
  { username: 'ben', displayName: 'Ben Okafor', role: 'reporter' },
  { username: 'dana', displayName: 'Dana Kim', role: 'desk' },
  { username: 'ed', displayName: 'Ed Marsh', role: 'editor' },
  { username: 'admin', displayName: 'Newsroom Admin', role: 'admin' },
  { username: 'vic', displayName: 'Vic Viewer', role: 'viewer' },
];

/** Seeds an empty newsroom; returns null when it already has users (nothing is changed then). */
export async function seedDemo(store: Store, accounts: Accounts): Promise<{ users: typeof DEMO_USERS; storyId: string } | null> {
  if ((await store.countUsers()) > 0 || (await store.listArticles({ limit: 1 })).length > 0) return null;
  const users = [];
  for (const demo of DEMO_USERS) users.push(await accounts.addUser({ ...demo, password: DEMO_PASSWORD }));
  const author = users[0];

  const text = await readFile(new URL('./sample-story.txt', import.meta.url), 'utf8');
  const doc = new Y.Doc();
  importStoryIntoDoc(doc, parseStoryText(text), randomUUID);
  metaMap(doc).set(META_KEYS.desk, 'News');
  const storyId = randomUUID();
  const summary = summarize(doc, author.id);
  await store.createArticle({ id: storyId, createdBy: author.id, createdAt: Date.now(), headline: summary.headline });
  await store.appendUpdates(storyId, [Y.encodeStateAsUpdate(doc)]);
  await store.updateArticleSummary(storyId, summary, pictureUses(readPictures(doc)));
  return { users: DEMO_USERS, storyId };
}
