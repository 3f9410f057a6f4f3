// Two instances linked directly (--peer) as well as through Redis: a change crosses over the link
// in one hop, so it crosses even while Redis is cut for both, and they converge without storing
// anything twice when it is back; an instance killed after it relayed an update over the link but
// before its append has that update stored by the other (the promise holds on either path); and
// the link's port takes no one without the newsroom's key naming that instance.
import { describe, expect } from 'vitest';
import WebSocket from 'ws';
import { headlineText, standfirstText } from '../../model/article-schema.ts';
import { TokenSigner } from '../../server/auth/signed-tokens.ts';
import { sleep, waitFor } from '../support/clients.ts';
import { upstreamOf } from '../support/failover-proxy.ts';
import { append, it, redisThrough, sameState } from '../support/scale-out-fixture.ts';
import { editorsOnTwoProcesses, killAfterRelayBeforeAppend } from '../support/scale-out.ts';
import { runCli, type ServerProcess } from '../support/server-process.ts';

const PEER = { host: '127.0.0.1', port: 0 };

/** Whether a websocket to `url` with `headers` is let in (true) or refused at the upgrade (its HTTP status). */
function linkAnswer(url: string, headers: Record<string, string>): Promise<true | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => (socket.terminate(), resolve(true)));
    socket.once('unexpected-response', (_req, res) => (socket.terminate(), resolve(res.statusCode ?? 0)));
    socket.once('error', reject);
  });
}

describe('two instances linked directly', () => {
  it('a change crosses over the link, even while Redis is cut for both; when it is back they converge and nothing is stored twice', async ({ startDeployment, redisUrl, proxy, connect }) => {
    const redisLink = await proxy([upstreamOf(redisUrl)]);
    // No compaction during the test, so that the log's length counts every append.
    const deployment = await startDeployment([redisThrough(redisLink), redisThrough(redisLink)], { peer: PEER, rooms: { compactAfterMs: 600_000, compactMaxWaitMs: 600_000 } });
    const [a, b] = deployment.instances;
    expect(a.server.peerUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    await waitFor(() => [a, b].every((i) => i.logger.matching('linked directly').length > 0), 'the instances to link', 10_000);

    const ana = await a.user('ana', 'reporter');
    const id = await a.createArticle(ana.token);
    const onA = connect(a.wsUrl, id, ana.token, { track: true });
    const onB = connect(b.wsUrl, id, ana.token, { track: true });
    await Promise.all([onA.synced, onB.synced]);
    append(headlineText(onA.doc), 'Live.');
    await waitFor(() => headlineText(onB.doc).toString() === 'Live.', 'the first edit to cross');

    await redisLink.cut();
    await waitFor(() => [a, b].every((i) => i.logger.matching('REDIS UNREACHABLE').length === 1), 'both instances to report the outage');
    append(headlineText(onA.doc), ' Over the link from A.');
    append(standfirstText(onB.doc), 'Over the link from B.');
    await waitFor(() => headlineText(onB.doc).toString() === 'Live. Over the link from A.', 'A’s edit to reach B without Redis');
    await waitFor(() => standfirstText(onA.doc).toString() === 'Over the link from B.', 'B’s edit to reach A without Redis');
    await Promise.all([onA.tracker!.whenSaved(), onB.tracker!.whenSaved()]);
    const logged = (await a.server.store.documentSize(id)).logEntries;

    await redisLink.restore();
    await waitFor(() => [a, b].every((i) => i.logger.matching('reachable again').length === 1), 'both instances to report Redis back', 15_000);
    append(headlineText(onB.doc), ' Together.');
    await waitFor(() => headlineText(onA.doc).toString().endsWith('Together.'), 'a new edit to cross');
    await onB.tracker!.whenSaved();
    expect(sameState(onA.doc, onB.doc)).toBe(true);
    await sleep(200);
    // The read-back after the outage stored nothing again: only B's new edit was appended.
    expect((await a.server.store.documentSize(id)).logEntries).toBe(logged + 1);
  });

  it('SIGKILL an instance after it relayed an update over the link but before its append: the other stores it', async ({ database, redisUrl, tempDir, spawnServer, proxy, connect, defer }) => {
    for (const [name, role] of [['ana', 'reporter'], ['ben', 'desk']]) {
      expect((await runCli(['user', 'add', name, '--role', role, '--store', database.url], 'password1\n')).code).toBe(0);
    }
    // Both reach Redis through a proxy that is cut later: the update can only cross over the link.
    const redisLink = await proxy([upstreamOf(redisUrl)]);
    const procs: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) {
      procs.push(await spawnServer(['--port', '0', '--data', await tempDir('newsroom-scale-'), '--store', database.url, '--redis', redisThrough(redisLink), '--peer', '127.0.0.1']));
    }
    const [a, b] = procs;
    await waitFor(() => procs.every((p) => /linked directly/.test(p.output())), 'the instances to link', 10_000);
    const { id, ana, ben } = await editorsOnTwoProcesses(a, b, connect);
    await redisLink.cut();
    await waitFor(() => procs.every((p) => /REDIS UNREACHABLE/.test(p.output())), 'both instances to lose Redis');

    expect(await killAfterRelayBeforeAppend(database.url, id, { ana, ben, a }, defer)).toBe('Kept.');
    expect(b.output()).not.toMatch(/STORAGE WRITE FAILED/);
  });

  it('the link’s port refuses anyone without the newsroom’s key, a token meant for another instance, and an expired one', async ({ startDeployment, redisUrl }) => {
    const deployment = await startDeployment([redisUrl], { peer: PEER });
    const [a] = deployment.instances;
    const url = a.server.peerUrl!;
    const signer = await TokenSigner.open(a.server.store);
    const stranger = new TokenSigner(Buffer.alloc(32, 7));
    // The instance's own id is the one its entry in Redis is kept under.
    const entries = await (async () => {
      const { Redis } = await import('ioredis');
      const redis = new Redis(redisUrl);
      try {
        return await redis.hgetall('newsroom:peer-links');
      } finally {
        redis.disconnect();
      }
    })();
    const self = Object.entries(entries).find(([, value]) => (JSON.parse(value) as { url: string }).url === url)?.[0];
    expect(self).toEqual(expect.any(String));
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const soon = Date.now() + 60_000;

    expect(await linkAnswer(url, {})).toBe(401);
    expect(await linkAnswer(url, bearer('not-a-token'))).toBe(401);
    expect(await linkAnswer(url, bearer(stranger.sign('peer-link', { from: 'x', to: self!, exp: soon })))).toBe(401);
    expect(await linkAnswer(url, bearer(signer.sign('peer-link', { from: 'x', to: 'another-instance', exp: soon })))).toBe(401);
    expect(await linkAnswer(url, bearer(signer.sign('peer-link', { from: 'x', to: self!, exp: Date.now() - 1 })))).toBe(401);
    expect(await linkAnswer(url, bearer(signer.sign('collab', { from: 'x', to: self!, exp: soon })))).toBe(401);
    // The same token, signed for links, naming this instance, in time: let in.
    expect(await linkAnswer(url, bearer(signer.sign('peer-link', { from: 'x', to: self!, exp: soon })))).toBe(true);
  });
});
