// What the benchmark stories hold: the sample story from the shared folder's samples, and the body
// paragraphs that editors type into (reached through the model accessors only).
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { bodyFragment } from '../model/article-schema.ts';
import { importArticleIntoDoc, parseArticleText, type ImportedArticle } from '../model/text-import.ts';

/** The workspace's shared folder: ../shared beside the project, or the folder NEWSROOM_SHARED_DIR names (a git worktree elsewhere). */
export const SHARED_DIR = process.env.NEWSROOM_SHARED_DIR || fileURLToPath(new URL('../../shared/', import.meta.url));

const SAMPLES_DIR = join(SHARED_DIR, 'samples');

/** The first sample story file, parsed. */
export async function loadSampleArticle(): Promise<ImportedArticle> {
  const file = (await readdir(SAMPLES_DIR)).filter((name) => name.endsWith('.txt')).sort()[0];
  if (!file) throw new Error(`no sample story (*.txt) in ${SAMPLES_DIR}`);
  return parseArticleText(await readFile(join(SAMPLES_DIR, file), 'utf8'));
}

/** Writes the sample story into `doc` (one transaction), as the text import would. */
export function seedArticle(doc: Y.Doc, article: ImportedArticle): void {
  importArticleIntoDoc(doc, article, randomUUID);
}

/** How many blocks the body has. */
export const paragraphCount = (doc: Y.Doc): number => bodyFragment(doc).length;

/** The text of body paragraph `index` (as createParagraph builds it: one text node). */
export function paragraphText(doc: Y.Doc, index: number): Y.XmlText {
  const paragraph = bodyFragment(doc).get(index);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  if (!(text instanceof Y.XmlText)) throw new Error(`body block ${index} is not a paragraph with text`);
  return text;
}
