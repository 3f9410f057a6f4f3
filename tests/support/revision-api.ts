// Calling the revision and workflow endpoints from tests: each helper asserts the status it
// expects and returns the parsed answer, so a test reads as the story it tells.
import { expect } from 'vitest';
import type { ArticleDiff, ArticleListItem, CreatedRevision, RevisionInfo, WorkflowResponse } from '../../model/api-types.ts';
import type { TestServer } from './test-server.ts';

/** The workflow steps a test can take on a revision. */
export type Step = 'submit' | 'approve' | 'reject' | 'restore';

/** Revision calls against one server. */
export function revisionApi(server: TestServer) {
  const json = async <T>(response: Response, status: number, what: string): Promise<T> => {
    const text = await response.text();
    expect(response.status, `${what}: ${text}`).toBe(status);
    return JSON.parse(text) as T;
  };
  const base = (id: string) => `/api/articles/${id}`;

  return {
    /** POST .../revisions, expecting 201. */
    snapshot: async (token: string, id: string, note?: string) =>
      json<CreatedRevision>(await server.api(`${base(id)}/revisions`, { method: 'POST', token, json: note === undefined ? {} : { note } }), 201, 'snapshot'),
    /** POST .../revisions/:rev/:step, expecting `status` (200 by default). */
    step: async <T = WorkflowResponse>(token: string, id: string, rev: number, step: Step, body: Record<string, unknown> = {}, status = 200) =>
      json<T>(await server.api(`${base(id)}/revisions/${rev}/${step}`, { method: 'POST', token, json: body }), status, `${step} ${rev}`),
    /** GET .../revisions. */
    list: async (token: string, id: string) => json<RevisionInfo[]>(await server.api(`${base(id)}/revisions`, { token }), 200, 'list revisions'),
    /** GET /api/articles/:id. */
    article: async (token: string, id: string) => json<ArticleListItem>(await server.api(base(id), { token }), 200, 'get story'),
    /** GET .../export as text (format text or html). */
    exportText: async (token: string, id: string, format: 'text' | 'html', rev: string | number) => {
      const response = await server.api(`${base(id)}/export?format=${format}&rev=${rev}`, { token });
      const text = await response.text();
      expect(response.status, `export ${format} rev=${rev}: ${text}`).toBe(200);
      return text;
    },
    /** GET .../export as ninjs. */
    exportNinjs: async (token: string, id: string, rev: string | number) =>
      json<Record<string, unknown>>(await server.api(`${base(id)}/export?format=ninjs&rev=${rev}`, { token }), 200, `export ninjs rev=${rev}`),
    /** GET .../diff. */
    diff: async (token: string, id: string, from: string | number, to: string | number) =>
      json<ArticleDiff>(await server.api(`${base(id)}/diff?from=${from}&to=${to}`, { token }), 200, `diff ${from}..${to}`),
  };
}

/** Asserts `response` is `{error}` with `status`; returns the message. */
export async function expectApiError(response: Response, status: number): Promise<string> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  const body = JSON.parse(text) as { error?: unknown };
  expect(typeof body.error).toBe('string');
  expect((body.error as string).length).toBeGreaterThan(0);
  return body.error as string;
}
