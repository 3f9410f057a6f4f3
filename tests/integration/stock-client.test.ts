// A stock WebsocketProvider that never asks for saved confirmations works unchanged beside
// one that does, and y-websocket prints nothing (it logs every message type it does not know).
import { describe, expect, vi } from 'vitest';
import { headlineText } from '../../model/article-schema.ts';
import { waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';

describe('stock y-websocket client', () => {
  it('co-edits next to a confirming client with no console errors or warnings', async ({ server, connect, defer }) => {
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    defer(() => vi.restoreAllMocks());

    const stock = connect(server.wsUrl, id, ana.token);
    const confirming = connect(server.wsUrl, id, ana.token, { track: true });
    await Promise.all([stock.synced, confirming.synced]);
    for (let i = 0; i < 20; i++) {
      headlineText(confirming.doc).insert(0, 'c');
      headlineText(stock.doc).insert(0, 's');
      await new Promise((r) => setTimeout(r, 2));
    }
    await confirming.tracker!.whenSaved();
    await waitFor(() => headlineText(stock.doc).length === 40 && headlineText(confirming.doc).toString() === headlineText(stock.doc).toString(), 'convergence');
    expect(confirming.tracker!.state.changes).toBe(20);
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
