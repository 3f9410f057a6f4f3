// The story list, creating a story, one story's metadata, and exports (live, approved or any revision).
import { FIELD_CAPS } from '../../model/article-limits.ts';
import { readPictures } from '../../model/article-schema.ts';
import { can } from '../../model/roles.ts';
import { exportHtml } from '../../model/html-export.ts';
import { exportNinjs } from '../../model/ninjs-export.ts';
import { exportText } from '../../model/text-export.ts';
import { isArticleId, type Articles } from '../articles/articles.ts';
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

  router.on('GET', '/api/articles', async () => ({ json: await articles.list() }));

  router.on('POST', '/api/articles', async ({ req, principal }) => {
    if (!can(principal.user.role, 'createArticle')) throw new HttpError(403, `a ${principal.user.role} cannot create stories`);
    const body = await readJsonObject(req);
    const id = optionalString(body, 'id');
    if (id !== undefined && !isArticleId(id)) throw badRequest('id must be a UUID');
    const headline = optionalString(body, 'headline');
    // The server writes the headline into the new story: it is held to the cap a client's edit is.
    if (headline !== undefined && headline.trim().length > FIELD_CAPS.headline) throw badRequest(`headline over ${FIELD_CAPS.headline} characters`);
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
