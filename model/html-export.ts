// HTML export: the story as one safe <article> fragment. Every text and attribute is escaped;
// links survive only with a safe href. The body part (bodyHtml) is shared with the ninjs export.
import type * as Y from 'yjs';
import { amendmentLine, type Amendment } from './amendments.ts';
import { headlineText, readByline, readPictures, standfirstText, type Picture } from './article-schema.ts';
import { BODY_NODES, headingLevel, isSafeHref } from './body-schema.ts';
import { publishedBlocks, readPublishedBody, type BodyBlock, type TextRun } from './body-tree.ts';
import type { ReadableArticle } from './readable-article.ts';
import { NO_MARKS, releaseLines, type ReleaseMarks } from './release-state.ts';
import { CREDIT_LABEL } from './text-import.ts';

/** How an export links a stored picture: the URL of the image with that hash, or null when there is none to link. */
export interface PictureUrlOptions {
  pictureUrl(hash: string): string | null;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const safeHref = (run: TextRun) => (isSafeHref(run.href) ? run.href.trim() : undefined);

function markedHtml(run: TextRun): string {
  let html = escapeHtml(run.text);
  if (run.em) html = `<em>${html}</em>`;
  if (run.strong) html = `<strong>${html}</strong>`;
  return html;
}

// Consecutive runs with the same safe href share one link; an unsafe href leaves plain text.
function inlineHtml(runs: TextRun[]): string {
  let html = '';
  for (let i = 0; i < runs.length; ) {
    const href = safeHref(runs[i]);
    let inner = '';
    for (; i < runs.length && safeHref(runs[i]) === href; i++) inner += markedHtml(runs[i]);
    html += href === undefined ? inner : `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${inner}</a>`;
  }
  return html;
}

const element = (tag: string, inner: string, attrs = '') => `<${tag}${attrs}>${inner}</${tag}>`;

function startAttr(order: unknown): string {
  const n = Number(order);
  return Number.isInteger(n) && n !== 1 ? ` start="${n}"` : '';
}

function blockHtml(block: BodyBlock): string {
  const inline = inlineHtml(block.runs);
  const children = block.children.map(blockHtml).join('');
  switch (block.type) {
    case BODY_NODES.paragraph:
      return element('p', inline + children);
    case BODY_NODES.heading:
      return element(`h${headingLevel(block.attrs.level)}`, inline + children);
    case BODY_NODES.blockquote:
      return element('blockquote', inline + children);
    case BODY_NODES.bulletList:
      return element('ul', inline + children);
    case BODY_NODES.orderedList:
      return element('ol', inline + children, startAttr(block.attrs.order));
    case BODY_NODES.listItem:
      return element('li', inline + children);
    default: // an element this schema does not know: keep its text, drop the element
      return (inline ? element('p', inline) : '') + children;
  }
}

/** The body alone as HTML: p, h2–h4, blockquote, ul/ol/li, strong, em and safe links; suggested insertions left out, suggested deletions kept. */
export function bodyHtml(doc: Y.Doc): string {
  return readPublishedBody(doc).map(blockHtml).join('\n');
}

// One picture: the image once it is attached (and has a URL), then caption, credit and copyright; nothing for an empty one.
function figureHtml(picture: Picture, opts: PictureUrlOptions): string {
  const src = picture.hash ? opts.pictureUrl(picture.hash) : null;
  const img = src === null ? '' : `<img src="${escapeHtml(src)}" alt="${escapeHtml(picture.alt)}">`;
  const caption = [
    picture.caption ? escapeHtml(picture.caption) : '',
    picture.credit ? element('span', escapeHtml(`${CREDIT_LABEL}: ${picture.credit}`), ' class="credit"') : '',
    picture.copyright ? element('span', escapeHtml(picture.copyright), ' class="copyright"') : '',
  ].filter((part) => part !== '');
  if (!img && caption.length === 0) return '';
  return element('figure', img + (caption.length > 0 ? element('figcaption', caption.join(' ')) : ''));
}

/** exportHtml's options: picture URLs and the exported version's amendment (null or absent: none). */
export interface HtmlExportOptions extends PictureUrlOptions {
  amendment?: Amendment | null;
}

/**
 * The whole story as an <article>: its release lines (KILLED, LEGAL HOLD, EMBARGOED; each a
 * `<p class="release">`) when `release` has any, headline, standfirst, byline, body, one <figure>
 * per picture, then an amended version's line, `<p class="amendment correction">Correction (2): note</p>`.
 */
export function exportHtml(doc: Y.Doc, opts: HtmlExportOptions, release: ReleaseMarks = NO_MARKS): string {
  const headline = headlineText(doc).toString();
  const standfirst = standfirstText(doc).toString();
  const byline = readByline(doc);
  const parts = [
    ...releaseLines(release).map((line) => element('p', escapeHtml(line), ' class="release"')),
    headline.trim() ? element('h1', escapeHtml(headline)) : '',
    standfirst.trim() ? element('p', escapeHtml(standfirst), ' class="standfirst"') : '',
    byline.trim() ? element('p', escapeHtml(byline), ' class="byline"') : '',
    bodyHtml(doc),
    ...readPictures(doc).map((picture) => figureHtml(picture, opts)),
    opts.amendment ? element('p', escapeHtml(amendmentLine(opts.amendment)), ` class="amendment ${opts.amendment.kind}"`) : '',
  ].filter((part) => part !== '');
  return ['<article>', ...parts, '</article>'].join('\n');
}

/**
 * One version's readable content (a revision as the server reads it, `GET …/content`) as an
 * <article>, in exportHtml's markup: headline, standfirst, byline, the published body (suggested
 * insertions left out, deletions kept, as every export) and one <figure> per picture.
 */
export function contentHtml(content: ReadableArticle, opts: PictureUrlOptions): string {
  const parts = [
    content.headline.trim() ? element('h1', escapeHtml(content.headline)) : '',
    content.standfirst.trim() ? element('p', escapeHtml(content.standfirst), ' class="standfirst"') : '',
    content.byline.trim() ? element('p', escapeHtml(content.byline), ' class="byline"') : '',
    publishedBlocks(content.body).map(blockHtml).join('\n'),
    ...content.pictures.map((picture) => figureHtml(picture, opts)),
  ].filter((part) => part !== '');
  return ['<article>', ...parts, '</article>'].join('\n');
}
