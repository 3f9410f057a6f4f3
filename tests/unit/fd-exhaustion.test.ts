// Running out of file descriptors is said once per burst, with how to raise the limit; other
// server errors are left as they were.
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { watchFileDescriptors } from '../../server/collab/fd-exhaustion.ts';
import { MemoryLogger } from '../support/test-server.ts';

const errno = (code: string) => Object.assign(new Error(`accept ${code}`), { code, syscall: 'accept' });

describe('watchFileDescriptors', () => {
  it('logs EMFILE from accept once, loudly, saying how to raise the limit, and swallows the error', () => {
    const server = createServer();
    const logger = new MemoryLogger();
    const stop = watchFileDescriptors(server, logger);
    server.emit('error', errno('EMFILE'));
    server.emit('error', errno('EMFILE'));
    server.emit('error', errno('ENFILE'));
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^error OUT OF FILE DESCRIPTORS: every descriptor the process may open is in use; new connections are being refused\. raise it .*`ulimit -n 65536`/);
    stop();
    expect(server.listenerCount('error')).toBe(0);
  });

  it('throws any other server error as Node would without a listener, unless someone else listens', () => {
    const server = createServer();
    const stop = watchFileDescriptors(server, new MemoryLogger());
    expect(() => server.emit('error', errno('EADDRINUSE'))).toThrow('accept EADDRINUSE');
    const seen: string[] = [];
    server.on('error', (error: NodeJS.ErrnoException) => seen.push(error.code!));
    expect(() => server.emit('error', errno('EADDRINUSE'))).not.toThrow();
    expect(seen).toEqual(['EADDRINUSE']);
    stop();
  });
});
