// A change's answer (a new desk, a restriction) shows at once, and a refresh that was already
// under way when it came does not bring the story's old entry back.
import { describe, expect, it } from 'vitest';
import type { ApiUser, ArticleListItem } from '../../model/api-types.ts';
import type { Api } from '../../renderer/src/lib/api.ts';
import { localListItem } from '../../renderer/src/lib/article-list.svelte.ts';
import { ArticleWorkflow } from '../../renderer/src/lib/article-workflow.svelte.ts';

const ana: ApiUser = { id: 'u-ana', username: 'ana', displayName: 'Ana Reyes', role: 'reporter', createdAt: 0 };
const entry = (deskId: string | null): ArticleListItem => ({ ...localListItem('s1', ana, 1), deskId });

describe('ArticleWorkflow.show', () => {
  it('keeps a change’s answer over a refresh that started before it', async () => {
    let answer: (info: ArticleListItem) => void = () => undefined;
    const api = { getArticle: () => new Promise<ArticleListItem>((resolve) => (answer = resolve)), listRevisions: async () => [] } as unknown as Api;
    const flow = new ArticleWorkflow(api, 's1');
    const stale = flow.refresh();
    flow.show(entry('d-courts'));
    answer(entry(null));
    await stale;
    expect(flow.info?.deskId).toBe('d-courts');

    // A refresh started after it shows what the server says from then on.
    const fresh = flow.refresh();
    answer(entry('d-legal'));
    await fresh;
    expect(flow.info?.deskId).toBe('d-legal');
  });
});
