// A story created with a headline: the server writes it into the document, so it is held to the
// headline's cap as a client's edit is (400 {error} past it).
import { describe, expect } from 'vitest';
import { FIELD_CAPS } from '../../model/article-limits.ts';
import { it } from '../support/fixtures.ts';

describe('POST /api/articles with a headline', () => {
  it('refuses one over the cap with 400 and takes one at it', async ({ server }) => {
    const { token } = await server.user('ana', 'reporter');
    const over = await server.api('/api/articles', { method: 'POST', token, json: { headline: 'x'.repeat(FIELD_CAPS.headline + 1) } });
    expect(over.status).toBe(400);
    expect(await over.json()).toEqual({ error: 'headline over 500 characters' });
    const at = await server.api('/api/articles', { method: 'POST', token, json: { headline: 'x'.repeat(FIELD_CAPS.headline) } });
    expect(at.status).toBe(201);
  });
});
