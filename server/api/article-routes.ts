// The story list (a page at a time), creating a story, one story's metadata, and reading or
// exporting any version of it (live, approved or any revision).
import { FIELD_CAPS } from '../../model/article-limits.ts';
import { releaseBlock, releaseMarks, utcText, type ReleaseMarks } from '../../model/release-state.ts';
import { canSee } from '../../model/roles.ts';
import type { ArticleGate } from '../articles/article-gate.ts';
import { isArticleId, type Articles } from '../articles/articles.ts';
import { nextPageLink, parsePageParams, spikedFilter } from '../articles/list-page.ts';
import type { ComputePool } from '../compute/compute-pool.ts';
import { badRequest, HttpError, notFound } from '../http/http-error.ts';
import { optionalString, readJsonObject } from '../http/json-body.ts';
import { requestOrigin } from '../http/request-origin.ts';
import { articleOf, type Router } from '../http/router.ts';
import type { Pictures } from '../pictures/pictures.ts';
import { parseContentRef } from '../revisions/revision-refs.ts';
import { ownerOf, type Revisions } from '../revisions/revisions.ts';
import { jsonText } from './json-text.ts';
import { picturePath } from './picture-routes.ts';

const EXPORT_FORMATS = ['text', 'html', 'ninjs'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];
const isExportFormat = (format: string): format is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(format);
const EXPORT_TYPES = { text: 'text/plain; charset=utf-8', html: 'text/html; charset=utf-8' } as const;

/**
 * 423 unless the approved copy of story `id` with `marks` may go out for release: never while
 * held; while embargoed only as the embargoed copy asked for (`embargoed=1`), its marks in it.
 */
function checkRelease(id: string, marks: ReleaseMarks, params: URLSearchParams): void {
  const embargoed = params.get('embargoed');
  if (embargoed !== null && embargoed !== '1') throw badRequest('embargoed must be 1 (an embargoed copy) or left out');
  const block = releaseBlock(marks);
  if (block?.kind === 'hold') throw new HttpError(423, `story ${id} is under a legal hold (${block.note}): it may not be released until the hold is lifted`);
  if (block?.kind === 'embargo' && embargoed === null) {
    throw new HttpError(423, `story ${id} is embargoed until ${utcText(block.until)} (${new Date(block.until).toISOString()}): ask for an embargoed copy (embargoed=1), or wait until then`);
  }
}

/** Adds the article routes; `now` is the server's clock, which decides whether an embargo still holds. */
export function articleRoutes(router: Router, articles: Articles, gate: ArticleGate, revisions: Revisions, pictures: Pictures, compute: ComputePool, now: () => number = Date.now): void {
  // A JSON array of entries as ever, `limit` of them at most; `Link: <…>; rel="next"` while more follow.
  router.on('GET', '/api/articles', async ({ url, principal }) => {
    const { limit, after, spiked } = parsePageParams(url.searchParams);
    const page = await articles.list(limit, after, spikedFilter(spiked), principal.user.id);
    // A page of the app's (another origin) must be allowed to read the Link header.
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'access-control-expose-headers': 'link' };
    if (page.next) headers.link = nextPageLink(limit, page.next, spiked);
    return { body: page.json, headers };
  });

  router.on('POST', '/api/articles', async ({ req, principal }) => {
    const body = await readJsonObject(req);
    const id = optionalString(body, 'id');
    if (id !== undefined && !isArticleId(id)) throw badRequest('id must be a UUID');
    const headline = optionalString(body, 'headline');
    // The server writes the headline into the new story: it is held to the cap a client's edit is.
    if (headline !== undefined && headline.trim().length > FIELD_CAPS.headline) throw badRequest(`headline over ${FIELD_CAPS.headline} characters`);
    const { created, article } = await articles.create({ id, headline }, principal.user);
    // The id of a story someone may not see, sent again: answered as for any story they cannot see.
    if (!created && !canSee(await gate.viewer(principal.user), article)) throw notFound(`story ${article.id}`);
    return { status: created ? 201 : 200, json: article };
  }, { right: { action: 'createArticle', what: 'create stories' } });

  router.on('GET', '/api/articles/:id', async (ctx) => ({ json: articleOf(ctx) }));

  // One version's readable content (StoryVersion), for the read-only view: `rev` is live (the default), approved or N.
  router.on('GET', '/api/articles/:id/content', async ({ params, url, principal }) =>
    jsonText(await revisions.version(params.id, parseContentRef(url.searchParams.get('rev') ?? 'live', 'rev'), principal.user)),
  );

  router.on('GET', '/api/articles/:id/export', async (ctx) => {
    const article = articleOf(ctx);
    const format = ctx.url.searchParams.get('format') ?? 'text';
    if (!isExportFormat(format)) throw badRequest(`format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const requested = parseContentRef(ctx.url.searchParams.get('rev') ?? 'live', 'rev');
    // Every copy says what holds its release back; the approved one is the copy for release.
    const release = releaseMarks(article, now());
    if (requested === 'approved') checkRelease(article.id, release, ctx.url.searchParams);
    const { updates, at, ref } = await revisions.content(article, requested);
    // An approved revision's export says which version it is and what it amends (an update or a correction).
    const version = ref === 'live' ? null : await revisions.approvedVersionOf(article.id, ref);
    // Absolute links, so that the file still finds its pictures wherever it goes (fetching them
    // takes a token, like everything here); a picture whose image is not stored here has none,
    // rather than a broken one. Rendering runs in a compute worker; it asks which are stored.
    const input = { updates, format, articleId: article.id, versionCreated: new Date(at).toISOString(), pictureUrlPrefix: (requestOrigin(ctx.req) ?? '') + picturePath(''), version, release };
    const body = await compute.run('export', input, { ...ownerOf(ctx.principal.user), answer: async (hashes) => [...(await pictures.stored(hashes))] });
    return format === 'ninjs' ? jsonText(body) : { body, headers: { 'content-type': EXPORT_TYPES[format] } };
  });
}
