// Uploading and fetching pictures from tests, and looking at what the blob store wrote to disk.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import type { UploadedPicture } from '../../model/api-types.ts';
import { blobDirectory } from '../../server/pictures/file-blob-store.ts';
import type { TestServer } from './test-server.ts';

/** POST /api/pictures with `bytes` as the body and `type` as the Content-Type (none when null). */
export function uploadPicture(server: TestServer, token: string, bytes: Uint8Array, type: string | null = 'image/jpeg'): Promise<Response> {
  return server.api('/api/pictures', { method: 'POST', token, body: bytes, headers: type === null ? {} : { 'content-type': type } });
}

/** Uploads and asserts `status` (201 by default); returns the answer. */
export async function uploaded(server: TestServer, token: string, bytes: Uint8Array, type = 'image/jpeg', status = 201): Promise<UploadedPicture> {
  const response = await uploadPicture(server, token, bytes, type);
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as UploadedPicture;
}

/** Every file under the data dir's pictures directory, as paths relative to it (temporary files included). */
export async function blobFiles(dataDir: string): Promise<string[]> {
  const root = blobDirectory(dataDir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}
