// The checks a room runs on an update before applying it: it builds only on content the
// document already has, and it writes only under client ids that are the sender's.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineText, picturesArray } from '../../model/article-schema.ts';
import { inspectUpdate, type InspectionPolicy } from '../../server/collab/update-inspection.ts';

/** A policy for `userId` over recorded `owners`, with room in the story. */
const policy = (userId = 'ana', owners = new Map<number, string>()): InspectionPolicy => ({
  userId,
  username: userId,
  commentsOnly: false,
  ownerOf: (client) => owners.get(client),
  bodyLength: 0,
  knownMark: () => false,
  quota: () => null,
});

const missingDependency = (doc: Y.Doc, update: Uint8Array) => inspectUpdate(doc, update, policy()).missing;

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

describe('inspectUpdate: client ids and their owners', () => {
  it('claims each client id it writes under that has no recorded owner, once, and none once recorded', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    const b = new Y.Doc();
    headlineText(a).insert(0, 'aaa');
    headlineText(a).insert(3, 'bbb'); // a second struct of the same client
    sync(a, b);
    headlineText(b).insert(0, 'x');
    const both = Y.encodeStateAsUpdate(b);
    const owners = new Map<number, string>();
    const first = inspectUpdate(server, both, policy('ana', owners));
    expect([...first.claims].sort()).toEqual([a.clientID, b.clientID].sort());
    Y.applyUpdate(server, both);
    for (const client of first.claims) owners.set(client, 'ana');
    const sv = Y.encodeStateVector(b);
    headlineText(b).insert(0, 'y');
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(b, sv), policy('ana', owners))).toEqual({ missing: null, refused: null, claims: [] });
  });

  it('claims nothing for a deletion alone, nor for an update it refuses', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    headlineText(a).insert(0, 'abc');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    const deleter = new Y.Doc();
    sync(a, deleter);
    const sv = Y.encodeStateVector(deleter);
    headlineText(deleter).delete(0, 1);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(deleter, sv), policy('ben', new Map([[a.clientID, 'ana']])))).toEqual({
      missing: null,
      refused: null,
      claims: [],
    });

    const stranger = new Y.Doc();
    headlineText(stranger).insert(0, 'x');
    const gap = Y.encodeStateVector(stranger);
    headlineText(stranger).insert(1, 'y');
    const refused = inspectUpdate(server, Y.encodeStateAsUpdate(stranger, gap), policy());
    expect(refused.missing).toMatch(/starts at 1/);
    expect(refused.claims).toEqual([]);
  });

  it('refuses new content under a client id recorded for another user, and deletions of it pass', () => {
    const server = new Y.Doc();
    const ana = new Y.Doc();
    headlineText(ana).insert(0, 'Ana wrote this');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(ana));
    const owners = new Map([[ana.clientID, 'ana']]);

    // Mallory takes Ana's client id and writes on.
    const mallory = new Y.Doc();
    Y.applyUpdate(mallory, Y.encodeStateAsUpdate(server));
    mallory.clientID = ana.clientID; // after syncing: Yjs would otherwise pick a new id on seeing its own in use
    const sv = Y.encodeStateVector(mallory);
    headlineText(mallory).insert(0, 'Ana says: ');
    const borrowed = inspectUpdate(server, Y.encodeStateAsUpdate(mallory, sv), policy('mallory', owners));
    expect(borrowed.refused).toBe(`writes under client id ${ana.clientID}, which belongs to another user`);
    // The same content from Ana herself is fine.
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(mallory, sv), policy('ana', owners)).refused).toBeNull();

    // Deleting Ana's words is an edit anyone may make: deletions carry no client id.
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(editor);
    headlineText(editor).delete(0, 4);
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(editor, before), policy('mallory', owners)).refused).toBeNull();
  });

  it('does not count a resend of content the story has as writing under its client id', () => {
    const server = new Y.Doc();
    const ana = new Y.Doc();
    headlineText(ana).insert(0, 'known');
    const anaUpdate = Y.encodeStateAsUpdate(ana);
    Y.applyUpdate(server, anaUpdate);
    // Ben's client got Ana's words from the server and sends its whole state, including them.
    const ben = new Y.Doc();
    Y.applyUpdate(ben, anaUpdate);
    headlineText(ben).insert(5, '!');
    const owners = new Map([[ana.clientID, 'ana']]);
    const inspection = inspectUpdate(server, Y.encodeStateAsUpdate(ben), policy('ben', owners));
    expect(inspection).toEqual({ missing: null, refused: null, claims: [ben.clientID] });
  });

  it('lets the first writer claim a client id that has content but no recorded owner (data from before owners were kept)', () => {
    const server = new Y.Doc();
    const old = new Y.Doc();
    headlineText(old).insert(0, 'written offline long ago');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(old));
    const sv = Y.encodeStateVector(old);
    headlineText(old).insert(0, 'more ');
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(old, sv), policy('dana'))).toEqual({ missing: null, refused: null, claims: [old.clientID] });
  });
});
