// A socket ws gave up on is closed with the code of its cause (ws's own for a frame it refused),
// not one code for every error.
import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { socketErrorClose } from '../../server/collab/socket-errors.ts';

/** ws's frame parser (exported by ws, absent from its types). */
const { Receiver } = ws as unknown as {
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => NodeJS.WritableStream & { on(event: 'error', listener: (error: Error) => void): void };
};

const MASK = [1, 2, 3, 4];
const masked = (payload: number[]) => payload.map((byte, i) => byte ^ MASK[i % 4]);

/** The error ws's own receiver raises for `frame` from a client (payloads up to 10 bytes). */
function wsErrorFor(frame: number[]): Promise<Error & { code?: string }> {
  const receiver = new Receiver({ isServer: true, maxPayload: 10 });
  return new Promise((resolve, reject) => {
    receiver.on('error', resolve);
    receiver.write(Buffer.from(frame));
    setTimeout(() => reject(new Error('ws took the frame')), 1000);
  });
}

/** The close code ws itself sends for `error`. */
const wsCloseCode = (error: Error) => {
  const key = Object.getOwnPropertySymbols(error).find((symbol) => symbol.description === 'status-code')!;
  return (error as unknown as Record<symbol, number>)[key];
};

describe('socketErrorClose', () => {
  const cases = [
    { name: 'a message over the size limit', frame: [0x82, 0x80 | 126, 0, 32, ...MASK], code: 1009, reason: 'message over the size limit' },
    { name: 'text that is not UTF-8', frame: [0x81, 0x80 | 1, ...MASK, ...masked([0xff])], code: 1007, reason: /UTF-8/ },
    { name: 'an unknown opcode', frame: [0x83, 0x80, ...MASK], code: 1002, reason: /opcode/ },
    { name: 'an unmasked frame from a client', frame: [0x82, 0x01, 0x00], code: 1002, reason: /MASK/ },
  ];
  for (const { name, frame, code, reason } of cases) {
    it(`closes ${name} with ${code}, the code ws sent`, async () => {
      const error = await wsErrorFor(frame);
      const close = socketErrorClose(error);
      expect(close.code).toBe(code);
      expect(close.code).toBe(wsCloseCode(error));
      expect(close.reason).toMatch(reason);
    });
  }

  it('closes with 1011 for a failure that is not a frame the client sent', () => {
    expect(socketErrorClose(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toEqual({ code: 1011, reason: 'write EPIPE' });
  });
});
