// The story list (a page at a time), creating a story, one story's metadata, and exports (live,
// approved or any revision).
import { readPictures } from '../../model/article-schema.ts';
import { can } from '../../model/roles.ts';
import { exportHtml } from '../../model/html-export.ts';
import { exportNinjs } from '../../model/ninjs-export.ts';
import { exportText } from '../../model/text-export.ts';
import { isArticleId, type Articles } from '../articles/articles.ts';
import { nextPageLink, parsePageParams } from '../articles/list-page.ts';
import { badRequest, HttpError, notFound } from '../http/http-error.ts';
import { optionalString, readJsonObject } from '../http/json-body.ts';
import { requestOrigin } from '../http/request-origin.ts';
import type { RequestContext, Router } from '../http/router.ts';
import type { Pictures } from '../pictures/pictures.ts';
import { parseContentRef } from '../revisions/revision-refs.ts';
import type { Revisions } from '../revisions/revisions.ts';
import { picturePath } from './picture-routes.ts';

const EXPORT_FORMATS = ['text', 'html', 'ninjs'] as const;

/** Adds the article routes. */
export function articleRoutes(router: Router, articles: Articles, revisions: Revisions, pictures: Pictures): void {
  const existing = async ({ params }: RequestContext) => {
    const article = await articles.get(params.id);
    if (!article) throw notFound(`story ${params.id}`);
    return article;
  };

  // A JSON array of entries as ever, `limit` of them at most; `Link: <…>; rel="next"` while more follow.
  router.on('GET', '/api/articles', async ({ url }) => {
    const { limit, after } = parsePageParams(url.searchParams);
    const page = await articles.list(limit, after);
    // A page of the app's (another origin) must be allowed to read the Link header.
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'access-control-expose-headers': 'link' };
    if (page.next) headers.link = nextPageLink(limit, page.next);
    return { body: page.json, headers };
  });

  router.on('POST', '/api/articles', async ({ req, principal }) => {
    if (!can(principal.user.role, 'createArticle')) throw new HttpError(403, `a ${principal.user.role} cannot create stories`);
    const body = await readJsonObject(req);
    const id = optionalString(body, 'id');
    if (id !== undefined && !isArticleId(id)) throw badRequest('id must be a UUID');
    const headline = optionalString(body, 'headline');
    const { created, article } = await articles.create({ id, headline }, principal.user);
    return { status: created ? 201 : 200, json: article };
  });

  router.on('GET', '/api/articles/:id', async (ctx) => ({ json: await existing(ctx) }));

  router.on('GET', '/api/articles/:id/export', async (ctx) => {
    const article = await existing(ctx);
    const format = ctx.url.searchParams.get('format') ?? 'text';
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw badRequest(`format must be one of ${EXPORT_FORMATS.join(', ')}`);
    const { doc, at } = await revisions.content(article, parseContentRef(ctx.url.searchParams.get('rev') ?? 'live', 'rev'));
    if (format === 'text') return { body: exportText(doc), headers: { 'content-type': 'text/plain; charset=utf-8' } };
    // Absolute links, so that the file still finds its pictures wherever it goes (fetching them
    // takes a token, like everything here); a picture whose image is not stored here has none,
    // rather than a broken one.
    const stored = await pictures.stored(readPictures(doc).map((p) => p.hash));
    const origin = requestOrigin(ctx.req) ?? '';
    const pictureUrl = (hash: string) => (stored.has(hash) ? origin + picturePath(hash) : null);
    if (format === 'html') return { body: exportHtml(doc, { pictureUrl }), headers: { 'content-type': 'text/html; charset=utf-8' } };
    return { json: exportNinjs(doc, { id: article.id, pictureUrl, versionCreated: new Date(at).toISOString() }) };
  });
}
