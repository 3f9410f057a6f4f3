// `--demo`: on an empty data dir, adds demo users (one per role), the News desk (Dana on it) and a sample story on it, and
// returns their logins for the start-up message. The password is made up here, once per data
// dir, and shown once: only its hashes are stored, and no published password opens a newsroom.
import { randomInt, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as Y from 'yjs';
import { META_KEYS, metaMap, readPictures, setPictureImage } from '../../model/article-schema.ts';
import { importArticleIntoDoc, parseArticleText } from '../../model/text-import.ts';
import type { Role } from '../../model/roles.ts';
import type { Accounts } from '../auth/accounts.ts';
import { summarize } from '../articles/article-summary.ts';
import { pictureUses } from '../pictures/picture-uses.ts';
import type { Pictures } from '../pictures/pictures.ts';
import { storeLocation, type StoreSpec } from '../storage/open-store.ts';
import type { AccountStore, ArticleStore, DeskStore, DocumentLog } from '../storage/store.ts';
import { samplePictureJpeg } from './sample-picture.ts';

// No 0/o, 1/l/i: a password read off a terminal is typed by hand.
const PASSWORD_LETTERS = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A fresh demo password: three groups of four (about 59 bits), e.g. `k7mq-2xvd-hp4t`. */
function randomDemoPassword(): string {
  const group = () => Array.from({ length: 4 }, () => PASSWORD_LETTERS[randomInt(PASSWORD_LETTERS.length)]).join('');
  return [group(), group(), group()].join('-');
}

/** The demo newsroom's desk, the sample story's. */
const DEMO_DESK = 'News';

/** Demo users, one or more per role. */
export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'ana', displayName: 'Ana Reyes', role: 'reporter' },
  { username: 'ben', displayName: 'Ben Okafor', role: 'reporter' },
  { username: 'dana', displayName: 'Dana Kim', role: 'desk' },
  { username: 'ed', displayName: 'Ed Marsh', role: 'editor' },
  { username: 'admin', displayName: 'Newsroom Admin', role: 'admin' },
  { username: 'vic', displayName: 'Vic Viewer', role: 'viewer' },
];

/** A seeded demo newsroom: its users, sample story, and the password all the users share. */
export interface SeededDemo {
  users: typeof DEMO_USERS;
  articleId: string;
  /** The sample story's headline, for the start-up message. */
  headline: string;
  password: string;
}

/**
 * Seeds an empty newsroom with `options.password` (tests) or a random one (the CLI); returns null
 * when it already has users or stories (nothing is changed then). With `options.pictures` the
 * sample story's picture gets its image (stored like an upload), so the story can be approved.
 */
export async function seedDemo(store: AccountStore & ArticleStore & DeskStore & DocumentLog, accounts: Accounts, options: { password?: string; pictures?: Pictures } = {}): Promise<SeededDemo | null> {
  if ((await store.countUsers()) > 0 || (await store.listArticles({ limit: 1 })).length > 0) return null;
  const password = options.password ?? randomDemoPassword();
  const users = [];
  for (const demo of DEMO_USERS) users.push(await accounts.addUser({ ...demo, password }));
  const author = users[0];
  // The sample story's desk is a real one, with the desk editor on it: its list, "My desks" and restrictions work from the start.
  const seededBy = { userId: null, detail: { via: 'demo' } };
  const news = await store.addDesk({ name: DEMO_DESK, createdAt: Date.now() }, seededBy);
  const deskEditor = users.find((user) => user.role === 'desk')!;
  await store.changeAccount(deskEditor.id, { desks: [news.id] }, Date.now(), seededBy);

  const text = await readFile(new URL('./sample-article.txt', import.meta.url), 'utf8');
  const doc = new Y.Doc();
  importArticleIntoDoc(doc, parseArticleText(text), randomUUID);
  metaMap(doc).set(META_KEYS.desk, DEMO_DESK);
  if (options.pictures) {
    const image = await options.pictures.upload(await samplePictureJpeg(), author);
    for (const picture of readPictures(doc)) setPictureImage(doc, picture.id, image);
  }
  const articleId = randomUUID();
  const summary = summarize(doc, author.id);
  await store.createArticle({ id: articleId, createdBy: author.id, createdAt: Date.now(), headline: summary.headline });
  await store.appendUpdates(articleId, [Y.encodeStateAsUpdate(doc)]);
  // The sample's words are its author's: comparisons name her, and nobody else may write under that id.
  await store.addClientAuthors(articleId, [{ clientId: doc.clientID, userId: author.id }]);
  await store.updateArticleSummary(articleId, summary, pictureUses(readPictures(doc)));
  await store.setArticleDesk(articleId, news.id, Date.now(), seededBy);
  return { users: DEMO_USERS, articleId, headline: summary.headline, password };
}

/** How to give a user of the newsroom in `spec` a new password: the CLI command, with the flag that names its store. */
function resetPasswordHint(spec: StoreSpec): string {
  const flag = spec.storeUrl ? `--store ${storeLocation(spec)}` : `--data ${spec.dataDir}`;
  return `npm run server -- user reset-password NAME ${flag}   (the new password on stdin)`;
}

/** What `--demo` / `npm start` print: the users and the password once, after seeding; how to set a new one otherwise. */
export function demoMessage(seeded: SeededDemo | null, spec: StoreSpec): string {
  const where = storeLocation(spec);
  if (!seeded) return `${where} already holds a newsroom; its users keep their passwords. To set a new one: ${resetPasswordHint(spec)}`;
  return [
    `A demo newsroom was created in ${where}. Every demo user's password is:`,
    '',
    `    ${seeded.password}`,
    '',
    `It is shown only this once (only its hash is kept). To set a new one: ${resetPasswordHint(spec)}`,
    'Demo users:',
    ...seeded.users.map((user) => `  ${user.username.padEnd(6)} ${user.role.padEnd(9)} ${user.displayName}`),
    `Sample story: “${seeded.headline}”, by ${seeded.users[0].displayName}.`,
  ].join('\n');
}
