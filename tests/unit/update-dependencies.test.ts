// The check that an update builds only on content the document already has.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineText, picturesArray } from '../../model/article-schema.ts';
import { inspectUpdate } from '../../server/collab/update-dependencies.ts';

const missingDependency = (doc: Y.Doc, update: Uint8Array) => inspectUpdate(doc, update).missing;

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('inspectUpdate: missing dependencies', () => {
  it('accepts a self-contained update and one that builds on known content', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    headlineText(client).insert(0, 'Hello');
    const first = Y.encodeStateAsUpdate(client);
    expect(missingDependency(server, first)).toBeNull();
    Y.applyUpdate(server, first);
    const sv = Y.encodeStateVector(client);
    headlineText(client).insert(2, 'XX');
    headlineText(client).delete(0, 1);
    expect(missingDependency(server, Y.encodeStateAsUpdate(client, sv))).toBeNull();
  });

  it('refuses an insertion next to content the document never had', () => {
    const server = new Y.Doc();
    const other = new Y.Doc();
    headlineText(other).insert(0, 'elsewhere');
    const sv = Y.encodeStateVector(other);
    headlineText(other).insert(4, '!');
    expect(missingDependency(server, Y.encodeStateAsUpdate(other, sv))).toMatch(/unknown content|starts at/);
  });

  it('refuses a gap in a client’s own history', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    headlineText(client).insert(0, 'a');
    const sv = Y.encodeStateVector(client);
    headlineText(client).insert(1, 'b');
    expect(missingDependency(server, Y.encodeStateAsUpdate(client, sv))).toMatch(/starts at 1/);
  });

  it('refuses a deletion of unknown content and content inside an unknown parent', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    headlineText(client).insert(0, 'abc');
    const sv = Y.encodeStateVector(client);
    headlineText(client).delete(0, 2);
    // Only the deletion: the inserts are not in the server yet.
    const deletion = Y.encodeStateAsUpdate(client, sv);
    expect(missingDependency(server, deletion)).toMatch(/deletion refers to unknown content/);

    // Another peer writes into a picture map the server never received.
    const author = new Y.Doc();
    picturesArray(author).push([new Y.Map()]);
    const peer = new Y.Doc();
    sync(author, peer);
    const before = Y.encodeStateVector(peer);
    picturesArray(peer).get(0).set('credit', 'A. Photographer');
    expect(missingDependency(server, Y.encodeStateAsUpdate(peer, before))).toMatch(/unknown parent/);
  });

  it('throws on a truncated update', () => {
    const client = new Y.Doc();
    headlineText(client).insert(0, 'truncated');
    const update = Y.encodeStateAsUpdate(client);
    expect(() => missingDependency(new Y.Doc(), update.slice(0, update.length - 4))).toThrow();
  });

  it('accepts what a real peer sends after syncing', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    const b = new Y.Doc();
    headlineText(a).insert(0, 'shared ');
    sync(a, server);
    sync(server, b);
    const sv = Y.encodeStateVector(b);
    headlineText(b).insert(3, 'XYZ');
    expect(missingDependency(server, Y.encodeStateAsUpdate(b, sv))).toBeNull();
  });
});

describe('inspectUpdate: new client ids', () => {
  it('lists each client whose content the document has none of, once, and none once it has some', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    const b = new Y.Doc();
    headlineText(a).insert(0, 'aaa');
    headlineText(a).insert(3, 'bbb'); // a second struct of the same client
    sync(a, b);
    headlineText(b).insert(0, 'x');
    const both = Y.encodeStateAsUpdate(b);
    expect([...inspectUpdate(server, both).newClients].sort()).toEqual([a.clientID, b.clientID].sort());
    Y.applyUpdate(server, both);
    const sv = Y.encodeStateVector(b);
    headlineText(b).insert(0, 'y');
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(b, sv))).toEqual({ missing: null, newClients: [] });
  });

  it('lists no client for a deletion alone, nor for an update it refuses', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    headlineText(a).insert(0, 'abc');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    const deleter = new Y.Doc();
    sync(a, deleter);
    const sv = Y.encodeStateVector(deleter);
    headlineText(deleter).delete(0, 1);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(deleter, sv)).newClients).toEqual([]);

    const stranger = new Y.Doc();
    headlineText(stranger).insert(0, 'x');
    const gap = Y.encodeStateVector(stranger);
    headlineText(stranger).insert(1, 'y');
    const refused = inspectUpdate(server, Y.encodeStateAsUpdate(stranger, gap));
    expect(refused.missing).toMatch(/starts at 1/);
    expect(refused.newClients).toEqual([]);
  });
});
