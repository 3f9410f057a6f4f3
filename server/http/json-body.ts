// Reading and checking JSON request bodies: every mistake is a 4xx with a precise message.
import type { IncomingMessage } from 'node:http';
import { badRequest, HttpError } from './http-error.ts';

/** Largest JSON body accepted. */
export const MAX_JSON_BYTES = 1024 * 1024;

/** How long a request body may send nothing before it is refused with 408, unless the server sets its own. */
export const DEFAULT_BODY_IDLE_TIMEOUT_MS = 15_000;

// Per request, set by the server from its options (start-server.ts).
const idleTimeouts = new WeakMap<IncomingMessage, number>();

/** Sets how long `req`'s body may stall before readBody refuses it with 408. */
export function setBodyIdleTimeout(req: IncomingMessage, ms: number): void {
  idleTimeouts.set(req, ms);
}

const tooLarge = (limit: number) => new HttpError(413, `body larger than ${limit} bytes`);

/**
 * Reads the raw body once, into one buffer: of the declared Content-Length (413 at once beyond
 * `limit`), or, for a chunked body, grown as it comes (413 as soon as it passes `limit`). 408
 * when nothing arrives for the idle timeout, so a slow drip cannot hold the request forever.
 * `onChunk` sees each chunk as it arrives (to hash the body on the way in).
 */
export function readBody(req: IncomingMessage, limit: number, onChunk?: (chunk: Buffer) => void): Promise<Buffer> {
  const header = req.headers['content-length'];
  const declared = header === undefined ? null : Number(header);
  if (declared !== null && declared > limit) return Promise.reject(tooLarge(limit));
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  const idleMs = idleTimeouts.get(req) ?? DEFAULT_BODY_IDLE_TIMEOUT_MS;
  return new Promise<Buffer>((resolve, reject) => {
    // Allocated with the first byte, not before: a request that sends nothing holds nothing.
    let buffer: Buffer | null = null;
    let size = 0;
    const done = (error: Error | null) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (!error) return resolve(buffer === null ? Buffer.alloc(0) : size === buffer.length ? buffer : buffer.subarray(0, size));
      // Stop reading; the router answers with Connection: close, which ends the socket.
      req.pause();
      reject(error);
    };
    const timer = setTimeout(() => done(new HttpError(408, `the request body stopped arriving (nothing for ${Math.round(idleMs / 1000)} s)`)), idleMs);
    const onData = (chunk: Buffer) => {
      timer.refresh();
      if (size + chunk.length > limit) return done(tooLarge(limit));
      if (buffer === null || size + chunk.length > buffer.length) {
        const grown = Buffer.allocUnsafe(declared ?? Math.min(limit, Math.max(64 * 1024, 2 * (size + chunk.length))));
        buffer?.copy(grown, 0, 0, size);
        buffer = grown;
      }
      chunk.copy(buffer, size);
      size += chunk.length;
      onChunk?.(chunk);
    };
    const onEnd = () => done(null);
    const onError = (error: Error) => done(error);
    // Closed before the end: the client went away (the router sees req.destroyed and answers no one).
    const onClose = () => done(new Error('the client closed the request before its body ended'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** A JSON object body; an empty body reads as `{}`. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req, MAX_JSON_BYTES);
  if (raw.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw badRequest(`the body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('the body must be a JSON object');
  return value as Record<string, unknown>;
}

/** `body[field]` as a string; 400 when missing or not a string. */
export function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) throw badRequest(`${field} is required`);
  if (typeof value !== 'string') throw badRequest(`${field} must be a string`);
  return value;
}

/** `body[field]` as a string, or undefined when absent; 400 when present but not a string. */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string`);
  return value;
}

/** `body[field]` as a boolean, or undefined when absent; 400 when present but not true or false. */
export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${field} must be true or false`);
  return value;
}

/** `body[field]` as a list of at most `maxItems` strings, or undefined when absent; 400 otherwise. */
export function optionalStringList(body: Record<string, unknown>, field: string, maxItems: number): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw badRequest(`${field} must be a list of strings`);
  if (value.length > maxItems) throw badRequest(`${field} has more than ${maxItems} entries`);
  return value;
}

/** 400 naming the first field of `body` that is not one of `fields`: a misspelt field is refused, not ignored. */
export function onlyFields(body: Record<string, unknown>, fields: readonly string[]): void {
  const unknown = Object.keys(body).find((field) => !fields.includes(field));
  if (unknown !== undefined) throw badRequest(`unknown field ${JSON.stringify(unknown.slice(0, 64))}; use ${fields.join(', ')}`);
}
