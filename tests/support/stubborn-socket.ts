// A websocket client written by hand over TCP that does what no well-behaved client does: it
// ignores the server's close frame and keeps sending. For attacks on what the server does
// after it decided to close a connection (its frames must never be applied).
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A frame the server sent: a binary message, or its close frame. */
type ServerFrame = { opcode: number; payload: Buffer };

/** An open raw websocket. */
export class StubbornSocket {
  /** Binary messages from the server, in order. */
  readonly messages: Uint8Array[] = [];
  /** The server's close frame, once it came (the socket stays open from this side). */
  closeFrame: { code: number; reason: string; at: number } | null = null;
  /** The TCP connection ended. */
  ended = false;
  private buffered = Buffer.alloc(0);

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('close', () => (this.ended = true));
    socket.on('error', () => (this.ended = true));
  }

  /** Opens `url` (ws://HOST:PORT/PATH?QUERY) with extra request headers; rejects with the status line of a refused upgrade. */
  static open(url: string, headers: Record<string, string> = {}): Promise<StubbornSocket> {
    const target = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(target.port), target.hostname, () => {
        const lines = [
          `GET ${target.pathname}${target.search} HTTP/1.1`,
          `Host: ${target.host}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        ];
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      });
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const status = head.subarray(0, head.indexOf('\r\n')).toString();
        if (!/^HTTP\/1\.1 101/.test(status)) {
          socket.destroy();
          reject(new Error(status));
          return;
        }
        const client = new StubbornSocket(socket);
        client.read(head.subarray(end + 4));
        resolve(client);
      };
      socket.on('data', onData);
      socket.once('error', reject);
    });
  }

  /** Sends one binary message (masked, as a client must), whatever the server said before. */
  send(payload: Uint8Array): void {
    if (this.ended) return;
    const mask = randomBytes(4);
    const length = payload.length;
    const header = length < 126 ? Buffer.from([0x82, 0x80 | length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
    if (length >= 126 && length < 65536) {
      header[0] = 0x82;
      header[1] = 0x80 | 126;
      header.writeUInt16BE(length, 2);
    } else if (length >= 65536) {
      header[0] = 0x82;
      header[1] = 0x80 | 127;
      header.writeBigUInt64BE(BigInt(length), 2);
    }
    const masked = Buffer.from(payload);
    for (let i = 0; i < masked.length; i++) masked[i] ^= mask[i % 4];
    this.socket.write(Buffer.concat([header, mask, masked]));
  }

  private read(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (let frame = this.nextFrame(); frame; frame = this.nextFrame()) {
      if (frame.opcode === 0x8) {
        this.closeFrame ??= { code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005, reason: frame.payload.subarray(2).toString(), at: Date.now() };
      } else if (frame.opcode === 0x2) {
        this.messages.push(new Uint8Array(frame.payload));
      }
    }
  }

  // One whole unmasked server frame off the buffer (fragmented messages are not used by the server).
  private nextFrame(): ServerFrame | null {
    const b = this.buffered;
    if (b.length < 2) return null;
    let length = b[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return null;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return null;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    if (b.length < offset + length) return null;
    const frame = { opcode: b[0] & 0x0f, payload: b.subarray(offset, offset + length) };
    this.buffered = b.subarray(offset + length);
    return frame;
  }

  /** Closes the TCP connection. */
  destroy(): void {
    this.socket.destroy();
  }
}
