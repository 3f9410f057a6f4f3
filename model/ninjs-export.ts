// ninjs export: the story as an IPTC ninjs 1.x news item (checked against ninjs-schema_1.4.json),
// with its pictures as associations. The body is the same HTML as in exportHtml.
//
// ninjs 1.x has no field for a picture's alt text (nor a `creditline`), and its schema allows
// no extra properties, so alt text is not exported and the credit travels as the picture's
// `byline` (DESIGN.md: "`byline` or `creditline`").
import type * as Y from 'yjs';
import { headlineText, META_KEYS, readByline, readDeskFacts, readMetaString, readPictures, readTags, standfirstText, type Picture } from './article-schema.ts';
import { combinedEdnote, type VersionStamp } from './amendments.ts';
import { bodyHtml, type PictureUrlOptions } from './html-export.ts';
import { NO_MARKS, pubstatus, releaseNotes, type ReleaseMarks } from './release-state.ts';

/** One rendition of a picture: where to fetch it (the document does not know the MIME type). */
export interface NinjsRendition {
  href: string;
}

/** A picture association. `renditions` is empty while the image is not attached yet (or has no URL). */
export interface NinjsPicture {
  type: 'picture';
  uri: string;
  description_text?: string;
  byline?: string;
  copyrightnotice?: string;
  renditions: Record<string, NinjsRendition>;
}

/** The ninjs 1.x news item this app writes for a story. */
export interface NinjsItem {
  uri: string;
  type: 'text';
  headline: string;
  byline?: string;
  description_text?: string;
  body_html: string;
  slugline?: string;
  /** 1 (most urgent) to 9: the story's urgency (its priority on the desk). */
  urgency?: number;
  /** A note for editors: the kill's and hold's lines (model/release-state.ts), the approved version's update or correction line, then the desk's planning note (model/amendments.ts combinedEdnote). */
  ednote?: string;
  /** The approved version's number (ninjs 1.x: a string), for an export of an approved revision. */
  version?: string;
  subject?: { name: string }[];
  versioncreated?: string;
  /** While embargoed: the instant before which it must not be published (ISO 8601). */
  embargoed?: string;
  /** With release state: `usable`, `withheld` (embargoed or held) or `canceled` (killed). */
  pubstatus?: 'usable' | 'withheld' | 'canceled';
  associations: Record<string, NinjsPicture>;
}

/** Options of exportNinjs: the article id, picture URLs and, when known, the version's time (ISO 8601) and approved version. */
export interface NinjsOptions extends PictureUrlOptions {
  id: string;
  versionCreated?: string;
  /** The exported revision's approved version and amendment; absent or null for the live draft or a revision never approved. */
  version?: VersionStamp | null;
  /** The story's release marks (model/release-state.ts); without them the item says nothing of its release. */
  release?: ReleaseMarks;
}

function ninjsPicture(picture: Picture, opts: PictureUrlOptions): NinjsPicture {
  const href = picture.hash ? opts.pictureUrl(picture.hash) : null;
  const item: NinjsPicture = {
    type: 'picture',
    uri: `urn:newsroom:picture:${encodeURIComponent(picture.id)}`,
    renditions: href === null ? {} : { original: { href } },
  };
  if (picture.caption) item.description_text = picture.caption;
  if (picture.credit) item.byline = picture.credit;
  if (picture.copyright) item.copyrightnotice = picture.copyright;
  return item;
}

/** The story as a ninjs 1.x item; empty optional fields are left out. */
export function exportNinjs(doc: Y.Doc, opts: NinjsOptions): NinjsItem {
  const associations: Record<string, NinjsPicture> = {};
  readPictures(doc).forEach((picture, i) => {
    associations[`picture${i + 1}`] = ninjsPicture(picture, opts);
  });
  const item: NinjsItem = {
    uri: `urn:newsroom:article:${encodeURIComponent(opts.id)}`,
    type: 'text',
    headline: headlineText(doc).toString(),
    body_html: bodyHtml(doc),
    associations,
  };
  const byline = readByline(doc);
  const standfirst = standfirstText(doc).toString();
  const slug = readMetaString(doc, META_KEYS.slug);
  const tags = readTags(doc).filter((tag) => tag !== '');
  if (byline) item.byline = byline;
  if (standfirst) item.description_text = standfirst;
  if (slug) item.slugline = slug;
  const { urgency, planningNote } = readDeskFacts(doc);
  if (urgency !== null) item.urgency = urgency;
  // A kill's or hold's line leads the note for editors: ninjs has no other place for why.
  const ednote = [releaseNotes(opts.release ?? NO_MARKS).join('\n'), combinedEdnote(planningNote, opts.version?.amendment ?? null)].filter((part) => part !== '').join('\n\n');
  if (ednote) item.ednote = ednote;
  if (opts.version) item.version = String(opts.version.version);
  if (tags.length > 0) item.subject = tags.map((name) => ({ name }));
  if (opts.versionCreated) item.versioncreated = opts.versionCreated;
  if (opts.release) {
    if (opts.release.embargoedUntil !== null) item.embargoed = new Date(opts.release.embargoedUntil).toISOString();
    item.pubstatus = pubstatus(opts.release);
  }
  return item;
}
