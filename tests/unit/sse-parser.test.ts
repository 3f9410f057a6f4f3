// Reading an event stream as it arrives: events split anywhere across chunks, any line ending,
// comments (heartbeats) skipped, several data lines joined; and Newsroom's list events parsed.
import { describe, expect, it } from 'vitest';
import { capText, ELLIPSIS } from '../../model/list-caps.ts';
import { formatListEvent, parseListEvent } from '../../model/list-events.ts';
import { SseParser } from '../../model/sse-parser.ts';

describe('SseParser', () => {
  it('gives whole events whatever the chunks and line endings', () => {
    const text = ':\n\nevent: presence\r\ndata: {"id":"a",\rdata: "openBy":[]}\r\n\r\n: ping\n\ndata:plain\n\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const parser = new SseParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
      expect(out, `chunks of ${size}`).toEqual([
        { event: 'presence', data: '{"id":"a",\n"openBy":[]}' },
        { event: 'message', data: 'plain' },
      ]);
    }
  });

  it('round-trips the list events and refuses what is not one', () => {
    const parser = new SseParser();
    const [message] = parser.push(formatListEvent({ type: 'presence', id: 'a', openBy: [] }));
    expect(parseListEvent(message.event, message.data)).toEqual({ type: 'presence', id: 'a', openBy: [] });
    expect(parseListEvent('article', '{"reason":"deleted","article":{"id":"a"}}')).toBeNull();
    expect(parseListEvent('ready', 'not json')).toBeNull();
    expect(parseListEvent('unknown', '{}')).toBeNull();
  });
});

describe('capText', () => {
  it('keeps a text within the cap as it is, and cuts a longer one at a whole code point with an ellipsis', () => {
    expect(capText('abc', 3)).toBe('abc');
    expect(capText('abcd', 3)).toBe('ab' + ELLIPSIS);
    expect(capText('😀😀😀', 3)).toBe('😀😀😀');
    expect(capText('😀😀😀😀', 3)).toBe('😀😀' + ELLIPSIS);
    expect(capText('a😀😀😀', 3)).toBe('a😀' + ELLIPSIS);
  });
});
