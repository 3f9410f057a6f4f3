// Who wrote which characters: the Yjs client id of each visible character of a text, read from
// the document's own items. The server maps client ids to users; here they are just numbers.
import * as Y from 'yjs';

/** A run of visible characters written by one client. */
export interface AuthorRun {
  client: number;
  length: number;
}

/** A text's characters and who wrote them. */
export interface AuthoredText {
  text: string;
  /** Runs of one client each, in order; their lengths add up to `text.length`. */
  runs: AuthorRun[];
}

/**
 * The characters of a Y.Text or Y.XmlText and their writers, read from the same items so they
 * always line up (Y.XmlText's toString would wrap formatted text in tags such as `<strong>`,
 * shifting every author after them; embeds are neither text nor authored characters).
 */
export function authoredText(text: Y.Text): AuthoredText {
  const parts: string[] = [];
  const runs: AuthorRun[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable || !(item.content instanceof Y.ContentString)) continue;
    parts.push(item.content.str);
    const last = runs[runs.length - 1];
    if (last && last.client === item.id.client) last.length += item.length;
    else runs.push({ client: item.id.client, length: item.length });
  }
  return { text: parts.join(''), runs };
}

/** The client that last set `key` of a map (its value's author), or null when unset. */
export function mapValueAuthor(map: Y.Map<unknown>, key: string): number | null {
  const item = map._map.get(key);
  return item && !item.deleted ? item.id.client : null;
}

/**
 * Reads the runs of one text from left to right: each call takes the runs covering characters
 * [from, to), trimmed to that range. Calls must not go backwards, so that a comparison with many
 * changes walks the runs once instead of once per change (thousands of runs, thousands of changes).
 */
export class RunCursor {
  private index = 0;
  /** Where runs[index] starts in the text. */
  private start = 0;

  constructor(private readonly runs: AuthorRun[]) {}

  /** The runs over characters [from, to), from >= the previous call's `to`. */
  take(from: number, to: number): AuthorRun[] {
    const out: AuthorRun[] = [];
    while (this.index < this.runs.length) {
      const run = this.runs[this.index];
      const end = this.start + run.length;
      const a = Math.max(from, this.start);
      const b = Math.min(to, end);
      if (b > a) out.push({ client: run.client, length: b - a });
      // A run reaching past `to` may cover the next call's characters too: stay on it.
      if (end > to) break;
      this.start = end;
      this.index++;
    }
    return out;
  }
}
