// Reading a Server-Sent Events stream as it arrives (the WHATWG "event stream" interpretation,
// less `id` and `retry`, which Newsroom's streams do not use): text in, whole events out.

/** One dispatched event: its `event:` name ('message' when none) and its `data:` lines joined. */
export interface SseMessage {
  event: string;
  data: string;
}

/** Turns chunks of an event stream's text into events; a partial line waits for the next chunk. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  /** A chunk ended with CR: an LF at the start of the next one belongs to it. */
  private afterCR = false;

  /** Takes the next chunk of text; returns the events it completed. */
  push(chunk: string): SseMessage[] {
    let text = chunk;
    if (this.afterCR && text.startsWith('\n')) text = text.slice(1);
    this.afterCR = text.endsWith('\r');
    this.buffer += text;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    const out: SseMessage[] = [];
    for (const line of lines) {
      if (line === '') {
        if (this.data.length > 0) out.push({ event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // a comment (a heartbeat)
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return out;
  }
}
