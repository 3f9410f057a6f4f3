// Long stories for the attacks on CPU-heavy requests: bodies of thousands of words, written
// through a stock client (as an attacker would) and saved as revisions.
import { addPicture, bodyFragment, type Picture } from '../../../model/article-schema.ts';
import { appendParagraphs } from '../../../model/body-tree.ts';
import { connectClient, waitFor } from '../../support/clients.ts';
import type { HostileServer } from './hostile-server.ts';

/** `count` words no other call with another `seed` shares ("a0 a1 a2 …"). */
export const distinctWords = (count: number, seed: string): string[] => Array.from({ length: count }, (_, i) => `${seed}${i.toString(36)}`);

/** Paragraphs of `perParagraph` words each from `words`. */
export function paragraphsOf(words: string[], perParagraph: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i += perParagraph) out.push(words.slice(i, i + perParagraph).join(' '));
  return out;
}

/**
 * Replaces the story's body with `paragraphs` (and adds `pictures`) through a websocket client,
 * and waits until the server confirms it stored.
 */
export async function writeBody(server: HostileServer, articleId: string, token: string, paragraphs: string[], pictures: Partial<Picture>[] = []): Promise<void> {
  const client = connectClient(server.wsUrl, articleId, token, { track: true });
  try {
    await client.synced;
    const body = bodyFragment(client.doc);
    client.doc.transact(() => {
      body.delete(0, body.length);
      pictures.forEach((picture, i) => addPicture(client.doc, { id: `picture-${i}`, ...picture }));
    });
    appendParagraphs(client.doc, paragraphs);
    await waitFor(() => client.tracker!.state.unsaved === 0, 'the server to store the long body', 30_000);
  } finally {
    client.destroy();
  }
}

/** Takes a revision of the story as `token`'s user; returns its number. */
export async function saveRevision(server: HostileServer, articleId: string, token: string): Promise<number> {
  const response = await server.api(`/api/articles/${articleId}/revisions`, { method: 'POST', token, json: { note: 'long' } });
  if (response.status !== 201) throw new Error(`saving a revision failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { number: number }).number;
}

/** A story with two revisions whose bodies share no word: `words` each, `perParagraph` words a paragraph. */
export async function articleWithTwoUnrelatedRevisions(
  server: HostileServer,
  token: string,
  words: number,
  perParagraph = words,
): Promise<{ id: string; from: number; to: number }> {
  const id = await server.createArticle(token, `Two unrelated versions of ${words} words`);
  await writeBody(server, id, token, paragraphsOf(distinctWords(words, 'a'), perParagraph));
  const from = await saveRevision(server, id, token);
  await writeBody(server, id, token, paragraphsOf(distinctWords(words, 'b'), perParagraph));
  const to = await saveRevision(server, id, token);
  return { id, from, to };
}
